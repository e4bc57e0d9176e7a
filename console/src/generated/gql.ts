/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query NavCounts {\n    workQueues {\n      id\n      key\n      openCount\n      overdueCount\n    }\n    held: invoices(status: HELD, first: 1) {\n      totalCount\n    }\n    blocked: billingExceptions(status: OPEN, severity: CRITICAL, first: 1) {\n      totalCount\n    }\n  }\n": typeof types.NavCountsDocument,
    "\n  fragment EventForLiveFeed on Event {\n    id\n    type\n    occurredAt\n    accountNumber\n    subjectId\n    payload\n  }\n": typeof types.EventForLiveFeedFragmentDoc,
    "\n  query RecentEvents($after: ID, $first: Int) {\n    events(after: $after, first: $first) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      nodes {\n        ...EventForLiveFeed\n      }\n    }\n  }\n": typeof types.RecentEventsDocument,
    "\n  subscription LiveEvents($after: ID) {\n    events(after: $after) {\n      ...EventForLiveFeed\n    }\n  }\n": typeof types.LiveEventsDocument,
    "\n  query AccountIdByNumber($number: String!) {\n    account(number: $number) {\n      id\n    }\n  }\n": typeof types.AccountIdByNumberDocument,
    "\n  fragment CollectionsActionForAccountCollections on CollectionsAction {\n    id\n    action\n    asOf\n    detail\n    pastDue\n    daysPastDue\n    takenBy\n    createdAt\n    run {\n      id\n      startedBy\n    }\n    step {\n      id\n      name\n    }\n    invoice {\n      id\n      number\n    }\n    document {\n      id\n      url\n    }\n    workItem {\n      id\n      status\n      queue {\n        id\n        key\n      }\n    }\n  }\n": typeof types.CollectionsActionForAccountCollectionsFragmentDoc,
    "\n  query AccountCollections($id: ID!) {\n    account(id: $id) {\n      id\n      collectionsPath {\n        id\n        name\n        isDefault\n      }\n      collectionsActions {\n        id\n        ...CollectionsActionForAccountCollections\n      }\n    }\n  }\n": typeof types.AccountCollectionsDocument,
    "\n  fragment AccountForAccountControls on Account {\n    id\n    number\n    collectionsHold {\n      until\n      reason\n      createdBy\n      createdAt\n    }\n    protections {\n      code\n      until\n      note\n      setBy\n      setAt\n    }\n  }\n": typeof types.AccountForAccountControlsFragmentDoc,
    "\n  query AccountControls($id: ID!) {\n    account(id: $id) {\n      id\n      ...AccountForAccountControls\n    }\n  }\n": typeof types.AccountControlsDocument,
    "\n  mutation HoldCollections($accountId: ID!, $until: Date!, $reason: String!) {\n    holdCollections(accountId: $accountId, until: $until, reason: $reason) {\n      id\n      ...AccountForAccountControls\n    }\n  }\n": typeof types.HoldCollectionsDocument,
    "\n  mutation ReleaseCollectionsHold($accountId: ID!) {\n    releaseCollectionsHold(accountId: $accountId) {\n      id\n      ...AccountForAccountControls\n    }\n  }\n": typeof types.ReleaseCollectionsHoldDocument,
    "\n  mutation SetAccountProtections($accountId: ID!, $protections: [AccountProtectionInput!]!) {\n    setAccountProtections(accountId: $accountId, protections: $protections) {\n      id\n      ...AccountForAccountControls\n    }\n  }\n": typeof types.SetAccountProtectionsDocument,
    "\n  fragment EnrollmentForAccountEnrollments on Enrollment {\n    id\n    startDate\n    endDate\n    promoCode\n    product {\n      id\n      code\n      name\n    }\n  }\n": typeof types.EnrollmentForAccountEnrollmentsFragmentDoc,
    "\n  query AccountEnrollments($id: ID!) {\n    account(id: $id) {\n      id\n      enrollments {\n        id\n        ...EnrollmentForAccountEnrollments\n      }\n    }\n  }\n": typeof types.AccountEnrollmentsDocument,
    "\n  mutation CreateAccount($input: CreateAccountInput!) {\n    createAccount(input: $input) {\n      id\n      number\n    }\n  }\n": typeof types.CreateAccountDocument,
    "\n  mutation UpdateAccount($id: ID!, $input: UpdateAccountInput!) {\n    updateAccount(id: $id, input: $input) {\n      id\n      ...AccountForAccountHeader\n    }\n  }\n": typeof types.UpdateAccountDocument,
    "\n  fragment AccountForAccountHeader on Account {\n    id\n    number\n    name\n    email\n    phone\n    segment\n    delivery\n    status\n    taxZone\n    taxExempt\n    taxExemptionRef\n    createdAt\n    balance\n    pastDue\n    daysPastDue\n    collectionsPath {\n      id\n      name\n      isDefault\n    }\n    paymentPlan {\n      id\n      status\n    }\n    invoices(first: 50) {\n      totalCount\n    }\n    payments(first: 50) {\n      totalCount\n    }\n    collectionsActions {\n      id\n    }\n    enrollments {\n      id\n    }\n    openWork: workItems(status: OPEN) {\n      totalCount\n    }\n    workInProgress: workItems(status: IN_PROGRESS) {\n      totalCount\n    }\n  }\n": typeof types.AccountForAccountHeaderFragmentDoc,
    "\n  fragment InvoiceForAccountInvoices on Invoice {\n    id\n    number\n    status\n    periodStart\n    periodEnd\n    issueDate\n    dueDate\n    total\n    amountPaid\n    amountDue\n    dispute {\n      id\n      status\n      reason\n    }\n    document {\n      id\n      url\n      deliveries {\n        method\n        status\n        to\n        lastError\n      }\n    }\n  }\n": typeof types.InvoiceForAccountInvoicesFragmentDoc,
    "\n  query AccountInvoices($id: ID!) {\n    account(id: $id) {\n      id\n      invoices(first: 50) {\n        totalCount\n        nodes {\n          id\n          ...InvoiceForAccountInvoices\n        }\n      }\n    }\n  }\n": typeof types.AccountInvoicesDocument,
    "\n  query AccountDetail($id: ID!) {\n    account(id: $id) {\n      id\n      ...AccountForAccountHeader\n    }\n  }\n": typeof types.AccountDetailDocument,
    "\n  fragment PaymentForAccountPayments on Payment {\n    id\n    amount\n    channel\n    receivedAt\n    reference\n    status\n    unapplied\n    allocations {\n      amount\n      invoice {\n        id\n        number\n      }\n    }\n  }\n": typeof types.PaymentForAccountPaymentsFragmentDoc,
    "\n  query AccountPayments($id: ID!) {\n    account(id: $id) {\n      id\n      payments(first: 50) {\n        totalCount\n        nodes {\n          id\n          ...PaymentForAccountPayments\n        }\n      }\n    }\n  }\n": typeof types.AccountPaymentsDocument,
    "\n  mutation ReversePayment($id: ID!, $reason: String!) {\n    reversePayment(id: $id, reason: $reason) {\n      id\n      ...PaymentForAccountPayments\n      account {\n        id\n        ...AccountForAccountHeader\n      }\n    }\n  }\n": typeof types.ReversePaymentDocument,
    "\n  fragment PaymentPlanForAccountPlan on PaymentPlan {\n    id\n    status\n    total\n    createdAt\n    installments {\n      dueDate\n      amount\n      paid\n      status\n    }\n  }\n": typeof types.PaymentPlanForAccountPlanFragmentDoc,
    "\n  query AccountPlan($id: ID!) {\n    account(id: $id) {\n      id\n      pastDue\n      paymentPlan {\n        id\n        ...PaymentPlanForAccountPlan\n      }\n    }\n  }\n": typeof types.AccountPlanDocument,
    "\n  mutation CancelPaymentPlan($id: ID!) {\n    cancelPaymentPlan(id: $id) {\n      id\n      ...PaymentPlanForAccountPlan\n      account {\n        id\n        ...AccountForAccountHeader\n      }\n    }\n  }\n": typeof types.CancelPaymentPlanDocument,
    "\n  mutation UpdateAccountTax($id: ID!, $input: UpdateAccountInput!) {\n    updateAccount(id: $id, input: $input) {\n      id\n      ...AccountForAccountHeader\n    }\n  }\n": typeof types.UpdateAccountTaxDocument,
    "\n  fragment TimelineEntryForAccountTimeline on TimelineEntry {\n    at\n    kind\n    title\n    detail\n    actor\n    amount\n    subjectId\n  }\n": typeof types.TimelineEntryForAccountTimelineFragmentDoc,
    "\n  query AccountTimeline($id: ID!, $first: Int, $after: String) {\n    account(id: $id) {\n      id\n      timeline(first: $first, after: $after) {\n        nodes {\n          ...TimelineEntryForAccountTimeline\n        }\n        pageInfo {\n          endCursor\n          hasNextPage\n        }\n      }\n    }\n  }\n": typeof types.AccountTimelineDocument,
    "\n  fragment UsageReadForAccountUsageReads on UsageRead {\n    id\n    register\n    periodStart\n    periodEnd\n    quantity\n    estimated\n    status\n    invoice {\n      id\n      number\n    }\n    replacedBy {\n      id\n      quantity\n      estimated\n    }\n  }\n": typeof types.UsageReadForAccountUsageReadsFragmentDoc,
    "\n  query AccountUsageReads($id: ID!) {\n    account(id: $id) {\n      id\n      usageReads(first: 100) {\n        totalCount\n        nodes {\n          id\n          ...UsageReadForAccountUsageReads\n        }\n      }\n    }\n  }\n": typeof types.AccountUsageReadsDocument,
    "\n  mutation CancelUsageRead($id: ID!, $reason: String!) {\n    cancelUsageRead(id: $id, reason: $reason) {\n      id\n      ...UsageReadForAccountUsageReads\n      account {\n        id\n        ...AccountForAccountHeader\n      }\n    }\n  }\n": typeof types.CancelUsageReadDocument,
    "\n  fragment WorkItemForAccountWorkItems on WorkItem {\n    id\n    title\n    kind\n    status\n    createdAt\n    dueAt\n    resolvedAt\n    queue {\n      id\n      key\n      name\n    }\n    assignee {\n      id\n      displayName\n    }\n    invoice {\n      id\n      number\n    }\n  }\n": typeof types.WorkItemForAccountWorkItemsFragmentDoc,
    "\n  query AccountWorkItems($id: ID!, $first: Int) {\n    account(id: $id) {\n      id\n      workItems(first: $first) {\n        totalCount\n        pageInfo {\n          hasNextPage\n        }\n        nodes {\n          id\n          ...WorkItemForAccountWorkItems\n        }\n      }\n    }\n  }\n": typeof types.AccountWorkItemsDocument,
    "\n  fragment AccountForAccountsPage on Account {\n    id\n    number\n    name\n    segment\n    status\n    balance\n    pastDue\n    daysPastDue\n  }\n": typeof types.AccountForAccountsPageFragmentDoc,
    "\n  query AccountSearch($search: String, $status: AccountStatus, $segment: String, $first: Int) {\n    accounts(search: $search, status: $status, segment: $segment, first: $first) {\n      totalCount\n      pageInfo {\n        hasNextPage\n      }\n      nodes {\n        id\n        ...AccountForAccountsPage\n      }\n    }\n  }\n": typeof types.AccountSearchDocument,
    "\n  fragment CollectionsPathForAssignPathDialog on CollectionsPath {\n    id\n    name\n    segments\n    isDefault\n    active\n  }\n": typeof types.CollectionsPathForAssignPathDialogFragmentDoc,
    "\n  query PathChoices {\n    collectionsPaths {\n      id\n      ...CollectionsPathForAssignPathDialog\n    }\n  }\n": typeof types.PathChoicesDocument,
    "\n  mutation AssignCollectionsPath($accountId: ID!, $pathId: ID) {\n    assignCollectionsPath(accountId: $accountId, pathId: $pathId) {\n      id\n      ...AccountForAccountHeader\n      collectionsPath {\n        id\n        name\n      }\n    }\n  }\n": typeof types.AssignCollectionsPathDocument,
    "\n  fragment AuditEntryForAuditTrail on AuditEntry {\n    id\n    at\n    actor\n    action\n    subjectType\n    subjectId\n    before\n    after\n  }\n": typeof types.AuditEntryForAuditTrailFragmentDoc,
    "\n  query AuditTrail($subjectType: String!, $subjectId: String!) {\n    auditLog(subjectType: $subjectType, subjectId: $subjectId, first: 200) {\n      totalCount\n      nodes {\n        id\n        ...AuditEntryForAuditTrail\n      }\n    }\n  }\n": typeof types.AuditTrailDocument,
    "\n  fragment ProductForEnrollForm on Product {\n    id\n    code\n    name\n    salesStart\n    salesEnd\n  }\n": typeof types.ProductForEnrollFormFragmentDoc,
    "\n  query EnrollChoices {\n    products(status: ACTIVE, first: 200) {\n      nodes {\n        id\n        ...ProductForEnrollForm\n      }\n    }\n  }\n": typeof types.EnrollChoicesDocument,
    "\n  mutation Enroll($accountId: ID!, $productCode: String!, $startDate: Date!, $promoCode: String) {\n    enroll(accountId: $accountId, productCode: $productCode, startDate: $startDate, promoCode: $promoCode) {\n      id\n      ...EnrollmentForAccountEnrollments\n    }\n  }\n": typeof types.EnrollDocument,
    "\n  mutation CreatePaymentPlan($input: CreatePaymentPlanInput!) {\n    createPaymentPlan(input: $input) {\n      id\n      ...PaymentPlanForAccountPlan\n      account {\n        id\n        ...AccountForAccountHeader\n      }\n    }\n  }\n": typeof types.CreatePaymentPlanDocument,
    "\n  mutation RecordPayment($input: RecordPaymentInput!) {\n    recordPayment(input: $input) {\n      id\n      amount\n      unapplied\n      status\n      ...PaymentForAccountPayments\n      allocations {\n        amount\n        invoice {\n          id\n          number\n          status\n          amountDue\n          ...InvoiceForAccountInvoices\n        }\n      }\n      account {\n        id\n        ...AccountForAccountHeader\n      }\n    }\n  }\n": typeof types.RecordPaymentDocument,
    "\n  mutation ImportAccounts($rows: [AccountImportInput!]!, $dryRun: Boolean) {\n    importAccounts(rows: $rows, dryRun: $dryRun) {\n      accepted\n      duplicates\n      rejected {\n        index\n        code\n        message\n      }\n    }\n  }\n": typeof types.ImportAccountsDocument,
    "\n  fragment ApiKeyForApiKeysPanel on ApiKey {\n    id\n    name\n    role\n    createdAt\n    revokedAt\n  }\n": typeof types.ApiKeyForApiKeysPanelFragmentDoc,
    "\n  query ApiKeys {\n    apiKeys {\n      id\n      ...ApiKeyForApiKeysPanel\n    }\n  }\n": typeof types.ApiKeysDocument,
    "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        id\n        ...ApiKeyForApiKeysPanel\n      }\n    }\n  }\n": typeof types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n      ...ApiKeyForApiKeysPanel\n    }\n  }\n": typeof types.RevokeApiKeyDocument,
    "\n  fragment BillingRulesForBillingRulesPanel on BillingRules {\n    segment\n    highConsumptionFactor\n    swingPercent\n    maxInvoiceAmount\n    paymentTermsDays\n  }\n": typeof types.BillingRulesForBillingRulesPanelFragmentDoc,
    "\n  query BillingRules {\n    billingRules {\n      segment\n      ...BillingRulesForBillingRulesPanel\n    }\n  }\n": typeof types.BillingRulesDocument,
    "\n  mutation SetBillingRules($input: BillingRulesInput!) {\n    setBillingRules(input: $input) {\n      segment\n      ...BillingRulesForBillingRulesPanel\n    }\n  }\n": typeof types.SetBillingRulesDocument,
    "\n  fragment BrandingForBrandingForm on Branding {\n    name\n    address\n    supportPhone\n    supportEmail\n    website\n    color\n    footer\n    hasLogo\n  }\n": typeof types.BrandingForBrandingFormFragmentDoc,
    "\n  query Branding {\n    branding {\n      ...BrandingForBrandingForm\n    }\n  }\n": typeof types.BrandingDocument,
    "\n  mutation SetBranding($input: BrandingInput!) {\n    setBranding(input: $input) {\n      ...BrandingForBrandingForm\n    }\n  }\n": typeof types.SetBrandingDocument,
    "\n  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      id\n      ...UserForUsersPanel\n    }\n  }\n": typeof types.UpdateUserDocument,
    "\n  mutation SetUserPassword($id: ID!, $password: String!) {\n    setUserPassword(id: $id, password: $password) {\n      id\n    }\n  }\n": typeof types.SetUserPasswordDocument,
    "\n  fragment PrintBatchForPrintBatchesPanel on PrintBatch {\n    id\n    date\n    documents\n    pages\n    pdfUrl\n    manifestUrl\n  }\n": typeof types.PrintBatchForPrintBatchesPanelFragmentDoc,
    "\n  query PrintBatches {\n    printBatches(first: 30) {\n      nodes {\n        id\n        ...PrintBatchForPrintBatchesPanel\n      }\n    }\n  }\n": typeof types.PrintBatchesDocument,
    "\n  fragment WorkQueueForQueuesPanel on WorkQueue {\n    id\n    key\n    name\n    slaMinutes\n    openCount\n  }\n": typeof types.WorkQueueForQueuesPanelFragmentDoc,
    "\n  query AdminQueues {\n    workQueues {\n      id\n      ...WorkQueueForQueuesPanel\n    }\n  }\n": typeof types.AdminQueuesDocument,
    "\n  mutation CreateWorkQueue($input: CreateWorkQueueInput!) {\n    createWorkQueue(input: $input) {\n      id\n      overdueCount\n      ...WorkQueueForQueuesPanel\n    }\n  }\n": typeof types.CreateWorkQueueDocument,
    "\n  mutation UpdateWorkQueue($key: String!, $name: String, $slaMinutes: Int) {\n    updateWorkQueue(key: $key, name: $name, slaMinutes: $slaMinutes) {\n      id\n      ...WorkQueueForQueuesPanel\n    }\n  }\n": typeof types.UpdateWorkQueueDocument,
    "\n  mutation AddTaxRate($input: TaxRateInput!) {\n    addTaxRate(input: $input) {\n      ...TaxRateForTaxRatesPanel\n    }\n  }\n": typeof types.AddTaxRateDocument,
    "\n  mutation EndTaxRate($id: ID!, $effectiveTo: Date!) {\n    endTaxRate(id: $id, effectiveTo: $effectiveTo) {\n      ...TaxRateForTaxRatesPanel\n    }\n  }\n": typeof types.EndTaxRateDocument,
    "\n  fragment TaxRateForTaxRatesPanel on TaxRate {\n    id\n    zone\n    code\n    name\n    percent\n    appliesTo\n    effectiveFrom\n    effectiveTo\n  }\n": typeof types.TaxRateForTaxRatesPanelFragmentDoc,
    "\n  query TaxRates {\n    taxRates {\n      ...TaxRateForTaxRatesPanel\n    }\n  }\n": typeof types.TaxRatesDocument,
    "\n  fragment UserForUsersPanel on User {\n    id\n    username\n    displayName\n    role\n    active\n  }\n": typeof types.UserForUsersPanelFragmentDoc,
    "\n  query Users {\n    users {\n      id\n      ...UserForUsersPanel\n    }\n  }\n": typeof types.UsersDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n      ...UserForUsersPanel\n    }\n  }\n": typeof types.CreateUserDocument,
    "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      token\n      user {\n        id\n        username\n        displayName\n        role\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  fragment BlackoutDateForBlackoutDates on BlackoutDate {\n    date\n    reason\n    addedBy\n  }\n": typeof types.BlackoutDateForBlackoutDatesFragmentDoc,
    "\n  query BlackoutDates {\n    blackoutDates {\n      date\n      ...BlackoutDateForBlackoutDates\n    }\n  }\n": typeof types.BlackoutDatesDocument,
    "\n  mutation AddBlackoutDate($date: Date!, $reason: String!) {\n    addBlackoutDate(date: $date, reason: $reason) {\n      date\n      ...BlackoutDateForBlackoutDates\n    }\n  }\n": typeof types.AddBlackoutDateDocument,
    "\n  mutation RemoveBlackoutDate($date: Date!) {\n    removeBlackoutDate(date: $date)\n  }\n": typeof types.RemoveBlackoutDateDocument,
    "\n  query CollectionsPaths {\n    collectionsPaths {\n      id\n      ...CollectionsPathForPathEditor\n    }\n    workQueues {\n      id\n      ...WorkQueueForPathEditor\n    }\n  }\n": typeof types.CollectionsPathsDocument,
    "\n  fragment CollectionsPathForPathEditor on CollectionsPath {\n    id\n    name\n    segments\n    isDefault\n    active\n    steps {\n      id\n      position\n      name\n      action\n      daysPastDue\n      minPastDue\n      template\n      queueKey\n      feeAmount\n      feePercent\n      noticeDays\n      noticeStep {\n        id\n        position\n        name\n      }\n    }\n  }\n": typeof types.CollectionsPathForPathEditorFragmentDoc,
    "\n  fragment WorkQueueForPathEditor on WorkQueue {\n    key\n    name\n  }\n": typeof types.WorkQueueForPathEditorFragmentDoc,
    "\n  mutation CreateCollectionsPath($input: CollectionsPathInput!) {\n    createCollectionsPath(input: $input) {\n      id\n      isDefault\n      ...CollectionsPathForPathEditor\n    }\n  }\n": typeof types.CreateCollectionsPathDocument,
    "\n  mutation UpdateCollectionsPath($id: ID!, $input: CollectionsPathInput!) {\n    updateCollectionsPath(id: $id, input: $input) {\n      id\n      isDefault\n      ...CollectionsPathForPathEditor\n    }\n  }\n": typeof types.UpdateCollectionsPathDocument,
    "\n  fragment PendingChargeForAccountCredits on PendingCharge {\n    id\n    description\n    amount\n    taxable\n    createdBy\n    createdAt\n  }\n": typeof types.PendingChargeForAccountCreditsFragmentDoc,
    "\n  fragment CreditNoteForAccountCredits on CreditNote {\n    id\n    number\n    issueDate\n    reason\n    total\n    appliedToInvoice\n    invoice {\n      id\n      number\n    }\n  }\n": typeof types.CreditNoteForAccountCreditsFragmentDoc,
    "\n  fragment AccountForAccountCredits on Account {\n    id\n    number\n    balance\n    unappliedCredit\n  }\n": typeof types.AccountForAccountCreditsFragmentDoc,
    "\n  query AccountCredits($id: ID!) {\n    account(id: $id) {\n      id\n      ...AccountForAccountCredits\n      pendingCharges {\n        id\n        ...PendingChargeForAccountCredits\n      }\n      creditNotes(first: 50) {\n        totalCount\n        nodes {\n          id\n          ...CreditNoteForAccountCredits\n        }\n      }\n    }\n  }\n": typeof types.AccountCreditsDocument,
    "\n  mutation RemovePendingCharge($id: ID!) {\n    removePendingCharge(id: $id)\n  }\n": typeof types.RemovePendingChargeDocument,
    "\n  mutation AddCharge($input: AddChargeInput!) {\n    addCharge(input: $input) {\n      id\n      amount\n      ...PendingChargeForAccountCredits\n    }\n  }\n": typeof types.AddChargeDocument,
    "\n  fragment InvoiceForCreditInvoiceDialog on Invoice {\n    id\n    number\n    total\n    amountCredited\n    lines {\n      id\n      kind\n      description\n      amount\n    }\n    creditNotes {\n      id\n      lines {\n        amount\n        invoiceLine {\n          id\n        }\n      }\n    }\n  }\n": typeof types.InvoiceForCreditInvoiceDialogFragmentDoc,
    "\n  mutation CreditInvoice($input: CreditInvoiceInput!) {\n    creditInvoice(input: $input) {\n      id\n      number\n      total\n      appliedToInvoice\n      invoice {\n        id\n        ...InvoiceForInvoiceHeader\n        amountPaid\n        amountDue\n        amountCredited\n        ...InvoiceForCreditInvoiceDialog\n        creditNotes {\n          id\n          ...CreditNoteForInvoiceCreditNotes\n        }\n      }\n      account {\n        id\n        balance\n        pastDue\n        ...AccountForAccountCredits\n      }\n    }\n  }\n": typeof types.CreditInvoiceDocument,
    "\n  fragment CreditNoteForInvoiceCreditNotes on CreditNote {\n    id\n    number\n    issueDate\n    reason\n    createdBy\n    total\n    appliedToInvoice\n    document {\n      id\n      url\n    }\n    lines {\n      kind\n      description\n      amount\n      invoiceLine {\n        id\n      }\n    }\n  }\n": typeof types.CreditNoteForInvoiceCreditNotesFragmentDoc,
    "\n  mutation RecordRefund($input: RecordRefundInput!) {\n    recordRefund(input: $input) {\n      id\n      amount\n      account {\n        id\n        ...AccountForAccountCredits\n        ...AccountForAccountHeader\n      }\n    }\n  }\n": typeof types.RecordRefundDocument,
    "\n  fragment KpisForDashboardPage on Kpis {\n    asOf\n    receivables\n    dso\n    heldInvoices\n    openExceptions\n    openWorkItems\n    overdueWorkItems\n    slaAttainment\n    aging {\n      current\n      days1to30\n      days31to60\n      days61to90\n      over90\n    }\n    monthly(months: 6) {\n      month\n      invoiced\n      collected\n      pastDue\n      dso\n    }\n    slaByQueue(months: 6) {\n      queueKey\n      month\n      attainment\n      resolved\n    }\n  }\n": typeof types.KpisForDashboardPageFragmentDoc,
    "\n  query Dashboard {\n    kpis {\n      ...KpisForDashboardPage\n    }\n  }\n": typeof types.DashboardDocument,
    "\n  fragment InvoiceForDispute on Invoice {\n    id\n    status\n    creditNotes {\n      id\n      number\n    }\n    dispute {\n      id\n      status\n      reason\n      openedBy\n      openedAt\n      resolution\n      resolvedAt\n      creditNote {\n        id\n        number\n      }\n    }\n  }\n": typeof types.InvoiceForDisputeFragmentDoc,
    "\n  mutation OpenDispute($invoiceId: ID!, $reason: String!) {\n    openDispute(invoiceId: $invoiceId, reason: $reason) {\n      id\n      invoice {\n        id\n        ...InvoiceForDispute\n      }\n    }\n  }\n": typeof types.OpenDisputeDocument,
    "\n  mutation ResolveDispute($id: ID!, $outcome: DisputeStatus!, $resolution: String!, $creditNoteId: ID) {\n    resolveDispute(id: $id, outcome: $outcome, resolution: $resolution, creditNoteId: $creditNoteId) {\n      id\n      invoice {\n        id\n        ...InvoiceForDispute\n      }\n    }\n  }\n": typeof types.ResolveDisputeDocument,
    "\n  mutation ChangeMyPassword($currentPassword: String!, $newPassword: String!) {\n    changeMyPassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      id\n    }\n  }\n": typeof types.ChangeMyPasswordDocument,
    "\n  mutation CreateProduct($input: CreateProductInput!) {\n    createProduct(input: $input) {\n      id\n      code\n      name\n      status\n      version\n    }\n  }\n": typeof types.CreateProductDocument,
    "\n  mutation PublishProduct($id: ID!, $salesStart: Date) {\n    publishProduct(id: $id, salesStart: $salesStart) {\n      id\n      ...ProductForProductPage\n    }\n  }\n": typeof types.PublishProductDocument,
    "\n  mutation UpdateProduct($id: ID!, $expectedVersion: Int!, $input: UpdateProductInput!) {\n    updateProduct(id: $id, expectedVersion: $expectedVersion, input: $input) {\n      id\n      ...ProductForProductPage\n    }\n  }\n": typeof types.UpdateProductDocument,
    "\n  mutation AddRate($productId: ID!, $input: RateInput!) {\n    addRate(productId: $productId, input: $input) {\n      id\n      ...ProductForProductPage\n      ...ProductRatesForProductPage\n    }\n  }\n": typeof types.AddRateDocument,
    "\n  mutation AddPromoCode($productId: ID!, $input: PromoCodeInput!) {\n    addPromoCode(productId: $productId, input: $input) {\n      id\n      ...ProductForProductPage\n      ...ProductPromoCodesForProductPage\n    }\n  }\n": typeof types.AddPromoCodeDocument,
    "\n  mutation AddIncentive($productId: ID!, $input: IncentiveInput!) {\n    addIncentive(productId: $productId, input: $input) {\n      id\n      ...ProductForProductPage\n      ...ProductIncentivesForProductPage\n    }\n  }\n": typeof types.AddIncentiveDocument,
    "\n  mutation RetireProduct($id: ID!, $salesEnd: Date) {\n    retireProduct(id: $id, salesEnd: $salesEnd) {\n      id\n      ...ProductForProductPage\n    }\n  }\n": typeof types.RetireProductDocument,
    "\n  fragment ProductRatesForProductPage on Product {\n    rates {\n      id\n      effectiveFrom\n      effectiveTo\n      unitPrice\n      tiers {\n        upTo\n        unitPrice\n      }\n      registerPrices {\n        register\n        unitPrice\n      }\n      billed\n    }\n  }\n": typeof types.ProductRatesForProductPageFragmentDoc,
    "\n  fragment ProductPromoCodesForProductPage on Product {\n    promoCodes {\n      id\n      code\n      description\n      percentOff\n      amountOff\n      validFrom\n      validTo\n      maxRedemptions\n      redemptions\n      active\n    }\n  }\n": typeof types.ProductPromoCodesForProductPageFragmentDoc,
    "\n  fragment ProductIncentivesForProductPage on Product {\n    incentives {\n      id\n      kind\n      description\n      value\n    }\n  }\n": typeof types.ProductIncentivesForProductPageFragmentDoc,
    "\n  fragment ProductForProductPage on Product {\n    id\n    code\n    name\n    description\n    unit\n    status\n    salesStart\n    salesEnd\n    termMonths\n    fixedCharge\n    version\n    createdAt\n    updatedAt\n  }\n": typeof types.ProductForProductPageFragmentDoc,
    "\n  query ProductDetail($id: ID!) {\n    product(id: $id) {\n      id\n      ...ProductForProductPage\n      ...ProductRatesForProductPage\n      ...ProductPromoCodesForProductPage\n      ...ProductIncentivesForProductPage\n    }\n  }\n": typeof types.ProductDetailDocument,
    "\n  fragment ProductForProductsPage on Product {\n    id\n    code\n    name\n    unit\n    status\n    salesStart\n    salesEnd\n    fixedCharge\n    version\n    updatedAt\n    rates {\n      id\n      effectiveFrom\n      effectiveTo\n      unitPrice\n    }\n    promoCodes {\n      id\n    }\n  }\n": typeof types.ProductForProductsPageFragmentDoc,
    "\n  query ProductList($status: ProductStatus) {\n    products(status: $status, first: 500) {\n      totalCount\n      nodes {\n        id\n        ...ProductForProductsPage\n      }\n    }\n  }\n": typeof types.ProductListDocument,
    "\n  mutation UpdateRate($id: ID!, $input: RateInput!, $expectedVersion: Int) {\n    updateRate(id: $id, input: $input, expectedVersion: $expectedVersion) {\n      id\n      ...ProductForProductPage\n      ...ProductRatesForProductPage\n    }\n  }\n": typeof types.UpdateRateDocument,
    "\n  mutation RemoveRate($id: ID!, $expectedVersion: Int) {\n    removeRate(id: $id, expectedVersion: $expectedVersion) {\n      id\n      ...ProductForProductPage\n      ...ProductRatesForProductPage\n    }\n  }\n": typeof types.RemoveRateDocument,
    "\n  mutation EndRate($id: ID!, $effectiveTo: Date!, $expectedVersion: Int) {\n    endRate(id: $id, effectiveTo: $effectiveTo, expectedVersion: $expectedVersion) {\n      id\n      ...ProductForProductPage\n      ...ProductRatesForProductPage\n    }\n  }\n": typeof types.EndRateDocument,
    "\n  mutation UpdatePromoCode($id: ID!, $input: PromoCodeInput!, $expectedVersion: Int) {\n    updatePromoCode(id: $id, input: $input, expectedVersion: $expectedVersion) {\n      id\n      ...ProductForProductPage\n      ...ProductPromoCodesForProductPage\n    }\n  }\n": typeof types.UpdatePromoCodeDocument,
    "\n  mutation DeactivatePromoCode($id: ID!, $expectedVersion: Int) {\n    deactivatePromoCode(id: $id, expectedVersion: $expectedVersion) {\n      id\n      ...ProductForProductPage\n      ...ProductPromoCodesForProductPage\n    }\n  }\n": typeof types.DeactivatePromoCodeDocument,
    "\n  mutation RemoveIncentive($id: ID!, $expectedVersion: Int) {\n    removeIncentive(id: $id, expectedVersion: $expectedVersion) {\n      id\n      ...ProductForProductPage\n      ...ProductIncentivesForProductPage\n    }\n  }\n": typeof types.RemoveIncentiveDocument,
    "\n  mutation ImportRemittances($channel: PaymentChannel!, $lines: [RemittanceLineInput!]!) {\n    importRemittances(channel: $channel, lines: $lines) {\n      matched\n      suspense\n      returned\n      duplicates\n      rejected {\n        index\n        code\n        message\n      }\n    }\n  }\n": typeof types.ImportRemittancesDocument,
    "\n  fragment SuspensePaymentForSuspensePayments on SuspensePayment {\n    id\n    reference\n    amount\n    receivedAt\n    channel\n    detail\n  }\n": typeof types.SuspensePaymentForSuspensePaymentsFragmentDoc,
    "\n  query SuspensePayments {\n    suspensePayments(status: OPEN) {\n      id\n      ...SuspensePaymentForSuspensePayments\n    }\n  }\n": typeof types.SuspensePaymentsDocument,
    "\n  mutation ApplySuspensePayment($id: ID!, $accountNumber: String!) {\n    applySuspensePayment(id: $id, accountNumber: $accountNumber) {\n      id\n      amount\n    }\n  }\n": typeof types.ApplySuspensePaymentDocument,
    "\n  fragment BillingExceptionForBlockedAccounts on BillingException {\n    id\n    code\n    message\n    periodStart\n    periodEnd\n    createdAt\n    account {\n      id\n      number\n      name\n      enrollments {\n        id\n        startDate\n        endDate\n        product {\n          id\n          code\n          name\n        }\n      }\n    }\n    workItem {\n      id\n      status\n      queue {\n        id\n        key\n      }\n    }\n  }\n": typeof types.BillingExceptionForBlockedAccountsFragmentDoc,
    "\n  query BlockedAccounts {\n    billingExceptions(status: OPEN, severity: CRITICAL, first: 200) {\n      totalCount\n      nodes {\n        id\n        ...BillingExceptionForBlockedAccounts\n      }\n    }\n  }\n": typeof types.BlockedAccountsDocument,
    "\n  mutation ReleaseInvoice($id: ID!, $note: String) {\n    releaseInvoice(id: $id, note: $note) {\n      id\n      ...InvoiceForInvoiceHeader\n      issueDate\n      dueDate\n      amountDue\n      previewUrl\n      document {\n        id\n        url\n        pages\n      }\n      ...InvoiceForInvoiceExceptions\n    }\n  }\n": typeof types.ReleaseInvoiceDocument,
    "\n  mutation VoidInvoice($id: ID!, $reason: String!, $cancelReads: Boolean) {\n    voidInvoice(id: $id, reason: $reason, cancelReads: $cancelReads) {\n      id\n      ...InvoiceForInvoiceHeader\n      voidReason\n      amountDue\n      previewUrl\n      ...InvoiceForInvoiceExceptions\n    }\n  }\n": typeof types.VoidInvoiceDocument,
    "\n  fragment InvoiceForInvoiceExceptions on Invoice {\n    id\n    exceptions {\n      id\n      code\n      severity\n      status\n      message\n      resolvedAt\n      workItem {\n        id\n        status\n        queue {\n          id\n          key\n        }\n      }\n    }\n  }\n": typeof types.InvoiceForInvoiceExceptionsFragmentDoc,
    "\n  fragment InvoiceForInvoiceHeader on Invoice {\n    id\n    number\n    status\n    periodStart\n    periodEnd\n    total\n    amountPaid\n    amountCredited\n    account {\n      id\n      number\n      name\n      segment\n    }\n  }\n": typeof types.InvoiceForInvoiceHeaderFragmentDoc,
    "\n  fragment InvoiceForInvoiceLines on Invoice {\n    id\n    total\n    lines {\n      id\n      kind\n      description\n      quantity\n      unitPrice\n      amount\n      periodStart\n      periodEnd\n      taxCode\n    }\n  }\n": typeof types.InvoiceForInvoiceLinesFragmentDoc,
    "\n  query InvoiceReview($id: ID!) {\n    invoice(id: $id) {\n      id\n      number\n      issueDate\n      dueDate\n      total\n      amountPaid\n      amountCredited\n      amountDue\n      voidReason\n      createdAt\n      previewUrl\n      ...InvoiceForDispute\n      document {\n        id\n        url\n        pages\n      }\n      creditNotes {\n        id\n        ...CreditNoteForInvoiceCreditNotes\n      }\n      billRun {\n        id\n        asOf\n      }\n      # The header, the credit dialog, the lines table, the exceptions and the usage history each declare what they show.\n      ...InvoiceForInvoiceHeader\n      ...InvoiceForCreditInvoiceDialog\n      ...InvoiceForInvoiceLines\n      ...InvoiceForInvoiceExceptions\n      ...InvoiceForUsageHistory\n      account {\n        id\n        status\n        balance\n        pastDue\n      }\n    }\n  }\n": typeof types.InvoiceReviewDocument,
    "\n  fragment InvoiceForReviewPage on Invoice {\n    id\n    number\n    periodStart\n    periodEnd\n    total\n    createdAt\n    account {\n      id\n      number\n      name\n      segment\n    }\n    exceptions {\n      id\n      code\n      status\n    }\n  }\n": typeof types.InvoiceForReviewPageFragmentDoc,
    "\n  query HeldInvoices {\n    invoices(status: HELD, first: 200) {\n      totalCount\n      nodes {\n        id\n        ...InvoiceForReviewPage\n      }\n    }\n    blocked: billingExceptions(status: OPEN, severity: CRITICAL, first: 1) {\n      totalCount\n    }\n  }\n": typeof types.HeldInvoicesDocument,
    "\n  fragment InvoiceUsageForUsageHistory on Invoice {\n    id\n    number\n    status\n    periodStart\n    periodEnd\n    total\n    lines {\n      kind\n      quantity\n    }\n  }\n": typeof types.InvoiceUsageForUsageHistoryFragmentDoc,
    "\n  fragment InvoiceForUsageHistory on Invoice {\n    id\n    ...InvoiceUsageForUsageHistory\n    account {\n      id\n      invoices(first: 13) {\n        nodes {\n          id\n          ...InvoiceUsageForUsageHistory\n        }\n      }\n    }\n  }\n": typeof types.InvoiceForUsageHistoryFragmentDoc,
    "\n  mutation RunBilling($asOf: Date!) {\n    runBilling(asOf: $asOf, wait: false) {\n      id\n      ...BillRunForRunProgress\n    }\n  }\n": typeof types.RunBillingDocument,
    "\n  fragment BillRunForRunProgress on BillRun {\n    id\n    asOf\n    status\n    accountsConsidered\n    accountsProcessed\n    invoicesIssued\n    invoicesHeld\n    accountsBlocked\n    accountsFailed\n    startedAt\n    finishedAt\n  }\n": typeof types.BillRunForRunProgressFragmentDoc,
    "\n  subscription BillRunProgress($id: ID!) {\n    billRunProgress(id: $id) {\n      id\n      ...BillRunForRunProgress\n    }\n  }\n": typeof types.BillRunProgressDocument,
    "\n  mutation RunCollections($asOf: Date!) {\n    runCollections(asOf: $asOf, wait: false) {\n      id\n      ...CollectionsRunForRunProgress\n    }\n  }\n": typeof types.RunCollectionsDocument,
    "\n  fragment CollectionsRunForRunProgress on CollectionsRun {\n    id\n    asOf\n    status\n    accountsEvaluated\n    accountsFailed\n    actionsTaken\n    startedAt\n    finishedAt\n  }\n": typeof types.CollectionsRunForRunProgressFragmentDoc,
    "\n  query CollectionsRunStatus($id: ID!) {\n    collectionsRun(id: $id) {\n      id\n      ...CollectionsRunForRunProgress\n    }\n  }\n": typeof types.CollectionsRunStatusDocument,
    "\n  fragment RunPreviewForPreviewPanel on RunPreview {\n    kind\n    asOf\n    accounts\n    counts {\n      key\n      count\n      amount\n    }\n    samples {\n      outcome\n      amount\n      detail\n      account {\n        id\n        number\n        name\n      }\n    }\n  }\n": typeof types.RunPreviewForPreviewPanelFragmentDoc,
    "\n  query PreviewBilling($asOf: Date!) {\n    previewBilling(asOf: $asOf) {\n      ...RunPreviewForPreviewPanel\n    }\n  }\n": typeof types.PreviewBillingDocument,
    "\n  query PreviewCollections($asOf: Date!) {\n    previewCollections(asOf: $asOf) {\n      ...RunPreviewForPreviewPanel\n    }\n  }\n": typeof types.PreviewCollectionsDocument,
    "\n  fragment RunScheduleForScheduleForm on RunSchedule {\n    kind\n    enabled\n    timeOfDay\n    lastRunDate\n  }\n": typeof types.RunScheduleForScheduleFormFragmentDoc,
    "\n  query RunSchedules {\n    runSchedules {\n      kind\n      ...RunScheduleForScheduleForm\n    }\n  }\n": typeof types.RunSchedulesDocument,
    "\n  mutation SetRunSchedule($kind: RunKind!, $enabled: Boolean!, $timeOfDay: String!) {\n    setRunSchedule(kind: $kind, enabled: $enabled, timeOfDay: $timeOfDay) {\n      kind\n      ...RunScheduleForScheduleForm\n    }\n  }\n": typeof types.SetRunScheduleDocument,
    "\n  fragment BillRunForBillRunsTable on BillRun {\n    id\n    asOf\n    status\n    startedBy\n    startedAt\n    invoicesIssued\n    invoicesHeld\n    accountsBlocked\n    accountsFailed\n  }\n": typeof types.BillRunForBillRunsTableFragmentDoc,
    "\n  fragment CollectionsRunForCollectionsRunsTable on CollectionsRun {\n    id\n    asOf\n    status\n    startedBy\n    startedAt\n    accountsEvaluated\n    actionsTaken\n    accountsFailed\n  }\n": typeof types.CollectionsRunForCollectionsRunsTableFragmentDoc,
    "\n  query BillRunsList($first: Int) {\n    billRuns(first: $first) {\n      totalCount\n      pageInfo {\n        hasNextPage\n      }\n      nodes {\n        id\n        ...BillRunForBillRunsTable\n      }\n    }\n  }\n": typeof types.BillRunsListDocument,
    "\n  query CollectionsRunsList($first: Int) {\n    collectionsRuns(first: $first) {\n      totalCount\n      pageInfo {\n        hasNextPage\n      }\n      nodes {\n        id\n        ...CollectionsRunForCollectionsRunsTable\n      }\n    }\n  }\n": typeof types.CollectionsRunsListDocument,
    "\n  fragment SearchHitForSearchBox on SearchHit {\n    kind\n    id\n    accountId\n    invoiceId\n    title\n    detail\n  }\n": typeof types.SearchHitForSearchBoxFragmentDoc,
    "\n  query GlobalSearch($text: String!) {\n    search(text: $text) {\n      ...SearchHitForSearchBox\n    }\n  }\n": typeof types.GlobalSearchDocument,
    "\n  fragment WebhookEndpointForList on WebhookEndpoint {\n    id\n    url\n    description\n    eventTypes\n    status\n    disabledReason\n    disabledAt\n    cursor\n    eventsBehind\n    createdAt\n    apiKey {\n      id\n      name\n      role\n    }\n    deliveries(first: 10) {\n      totalCount\n      nodes {\n        id\n        eventId\n        attempt\n        succeeded\n        statusCode\n        error\n        durationMs\n        at\n      }\n    }\n  }\n": typeof types.WebhookEndpointForListFragmentDoc,
    "\n  query WebhookEndpoints {\n    webhookEndpoints {\n      ...WebhookEndpointForList\n    }\n    apiKeys {\n      id\n      name\n      role\n      revokedAt\n    }\n  }\n": typeof types.WebhookEndpointsDocument,
    "\n  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      secret\n      endpoint {\n        ...WebhookEndpointForList\n      }\n    }\n  }\n": typeof types.CreateWebhookEndpointDocument,
    "\n  mutation EnableWebhookEndpoint($id: ID!) {\n    enableWebhookEndpoint(id: $id) {\n      ...WebhookEndpointForList\n    }\n  }\n": typeof types.EnableWebhookEndpointDocument,
    "\n  mutation DisableWebhookEndpoint($id: ID!) {\n    disableWebhookEndpoint(id: $id) {\n      ...WebhookEndpointForList\n    }\n  }\n": typeof types.DisableWebhookEndpointDocument,
    "\n  mutation DeleteWebhookEndpoint($id: ID!) {\n    deleteWebhookEndpoint(id: $id)\n  }\n": typeof types.DeleteWebhookEndpointDocument,
    "\n  mutation RotateWebhookSecret($id: ID!) {\n    rotateWebhookSecret(id: $id) {\n      secret\n      endpoint {\n        ...WebhookEndpointForList\n      }\n    }\n  }\n": typeof types.RotateWebhookSecretDocument,
    "\n  mutation ReplayWebhookEndpoint($id: ID!, $after: ID!) {\n    replayWebhookEndpoint(id: $id, after: $after) {\n      ...WebhookEndpointForList\n    }\n  }\n": typeof types.ReplayWebhookEndpointDocument,
    "\n  mutation SendTestWebhook($id: ID!) {\n    sendTestWebhook(id: $id) {\n      messageId\n      succeeded\n      statusCode\n      error\n      durationMs\n    }\n  }\n": typeof types.SendTestWebhookDocument,
    "\n  fragment WorkItemForItemRow on WorkItem {\n    id\n    title\n    kind\n    priority\n    status\n    createdAt\n    dueAt\n    resolvedAt\n    assignee {\n      id\n      displayName\n    }\n    account {\n      id\n      number\n      name\n    }\n  }\n": typeof types.WorkItemForItemRowFragmentDoc,
    "\n  mutation ConfirmMarketDropFromWorkItem($accountId: ID!) {\n    confirmMarketDrop(accountId: $accountId) {\n      id\n      ...AccountForAccountHeader\n    }\n  }\n": typeof types.ConfirmMarketDropFromWorkItemDocument,
    "\n  mutation CancelMarketDropFromWorkItem($accountId: ID!, $reason: String!) {\n    cancelMarketDrop(accountId: $accountId, reason: $reason) {\n      id\n      ...AccountForAccountHeader\n    }\n  }\n": typeof types.CancelMarketDropFromWorkItemDocument,
    "\n  query MarketDropProtections($id: ID!) {\n    account(id: $id) {\n      id\n      protections {\n        code\n        until\n        note\n      }\n    }\n  }\n": typeof types.MarketDropProtectionsDocument,
    "\n  mutation DecideProtectedStep($workItemId: ID!, $take: Boolean!, $reason: String!) {\n    decideProtectedStep(workItemId: $workItemId, take: $take, reason: $reason) {\n      id\n      ...WorkItemForWorkItemPanel\n    }\n  }\n": typeof types.DecideProtectedStepDocument,
    "\n  fragment WorkQueueForQueuePage on WorkQueue {\n    id\n    key\n    name\n    slaMinutes\n    openCount\n    overdueCount\n  }\n": typeof types.WorkQueueForQueuePageFragmentDoc,
    "\n  query QueueItems(\n    $key: String!\n    $status: WorkItemStatus\n    $assigneeId: ID\n    $search: String\n    $first: Int!\n    $after: String\n    $withInProgress: Boolean!\n  ) {\n    workQueue(key: $key) {\n      id\n      ...WorkQueueForQueuePage\n    }\n    inProgress: workItems(queueKey: $key, status: IN_PROGRESS, assigneeId: $assigneeId, search: $search, first: 200)\n      @include(if: $withInProgress) {\n      totalCount\n      nodes {\n        id\n        ...WorkItemForItemRow\n      }\n    }\n    items: workItems(queueKey: $key, status: $status, assigneeId: $assigneeId, search: $search, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      nodes {\n        id\n        ...WorkItemForItemRow\n      }\n    }\n  }\n": typeof types.QueueItemsDocument,
    "\n  subscription WorkItemChanged($queueKey: String) {\n    workItemChanged(queueKey: $queueKey) {\n      id\n      ...WorkItemForItemRow\n    }\n  }\n": typeof types.WorkItemChangedDocument,
    "\n  fragment WorkQueueForQueuesPage on WorkQueue {\n    id\n    key\n    name\n    slaMinutes\n    openCount\n    overdueCount\n  }\n": typeof types.WorkQueueForQueuesPageFragmentDoc,
    "\n  query WorkQueues {\n    workQueues {\n      id\n      ...WorkQueueForQueuesPage\n    }\n  }\n": typeof types.WorkQueuesDocument,
    "\n  fragment WorkItemForWorkItemPanel on WorkItem {\n    id\n    title\n    kind\n    priority\n    status\n    createdAt\n    dueAt\n    resolvedAt\n    resolution\n    queue {\n      id\n      key\n      name\n      ...WorkQueueForQueuePage\n    }\n    assignee {\n      id\n      displayName\n    }\n    account {\n      id\n      number\n      name\n      balance\n      pastDue\n      status\n      enrollments {\n        id\n        product {\n          id\n          code\n          name\n        }\n      }\n    }\n    invoice {\n      id\n      number\n      status\n      total\n    }\n    exception {\n      id\n      code\n      severity\n      message\n      status\n      periodStart\n      periodEnd\n    }\n    notes {\n      author\n      text\n      createdAt\n    }\n  }\n": typeof types.WorkItemForWorkItemPanelFragmentDoc,
    "\n  query WorkItemDetail($id: ID!) {\n    workItem(id: $id) {\n      id\n      ...WorkItemForWorkItemPanel\n    }\n  }\n": typeof types.WorkItemDetailDocument,
    "\n  mutation ClaimWorkItem($id: ID!) {\n    claimWorkItem(id: $id) {\n      id\n      ...WorkItemForWorkItemPanel\n    }\n  }\n": typeof types.ClaimWorkItemDocument,
    "\n  mutation AddWorkItemNote($id: ID!, $text: String!) {\n    addWorkItemNote(id: $id, text: $text) {\n      id\n      ...WorkItemForWorkItemPanel\n    }\n  }\n": typeof types.AddWorkItemNoteDocument,
    "\n  mutation ResolveWorkItem($id: ID!, $resolution: String!) {\n    resolveWorkItem(id: $id, resolution: $resolution) {\n      id\n      ...WorkItemForWorkItemPanel\n    }\n  }\n": typeof types.ResolveWorkItemDocument,
    "\n  mutation ReassignWorkItem($id: ID!, $userId: ID!) {\n    reassignWorkItem(id: $id, userId: $userId) {\n      id\n      ...WorkItemForWorkItemPanel\n    }\n  }\n": typeof types.ReassignWorkItemDocument,
    "\n  fragment UserForReassignControl on User {\n    id\n    username\n    displayName\n    role\n    active\n  }\n": typeof types.UserForReassignControlFragmentDoc,
    "\n  query AssignableUsers {\n    users {\n      id\n      ...UserForReassignControl\n    }\n  }\n": typeof types.AssignableUsersDocument,
};
const documents: Documents = {
    "\n  query NavCounts {\n    workQueues {\n      id\n      key\n      openCount\n      overdueCount\n    }\n    held: invoices(status: HELD, first: 1) {\n      totalCount\n    }\n    blocked: billingExceptions(status: OPEN, severity: CRITICAL, first: 1) {\n      totalCount\n    }\n  }\n": types.NavCountsDocument,
    "\n  fragment EventForLiveFeed on Event {\n    id\n    type\n    occurredAt\n    accountNumber\n    subjectId\n    payload\n  }\n": types.EventForLiveFeedFragmentDoc,
    "\n  query RecentEvents($after: ID, $first: Int) {\n    events(after: $after, first: $first) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      nodes {\n        ...EventForLiveFeed\n      }\n    }\n  }\n": types.RecentEventsDocument,
    "\n  subscription LiveEvents($after: ID) {\n    events(after: $after) {\n      ...EventForLiveFeed\n    }\n  }\n": types.LiveEventsDocument,
    "\n  query AccountIdByNumber($number: String!) {\n    account(number: $number) {\n      id\n    }\n  }\n": types.AccountIdByNumberDocument,
    "\n  fragment CollectionsActionForAccountCollections on CollectionsAction {\n    id\n    action\n    asOf\n    detail\n    pastDue\n    daysPastDue\n    takenBy\n    createdAt\n    run {\n      id\n      startedBy\n    }\n    step {\n      id\n      name\n    }\n    invoice {\n      id\n      number\n    }\n    document {\n      id\n      url\n    }\n    workItem {\n      id\n      status\n      queue {\n        id\n        key\n      }\n    }\n  }\n": types.CollectionsActionForAccountCollectionsFragmentDoc,
    "\n  query AccountCollections($id: ID!) {\n    account(id: $id) {\n      id\n      collectionsPath {\n        id\n        name\n        isDefault\n      }\n      collectionsActions {\n        id\n        ...CollectionsActionForAccountCollections\n      }\n    }\n  }\n": types.AccountCollectionsDocument,
    "\n  fragment AccountForAccountControls on Account {\n    id\n    number\n    collectionsHold {\n      until\n      reason\n      createdBy\n      createdAt\n    }\n    protections {\n      code\n      until\n      note\n      setBy\n      setAt\n    }\n  }\n": types.AccountForAccountControlsFragmentDoc,
    "\n  query AccountControls($id: ID!) {\n    account(id: $id) {\n      id\n      ...AccountForAccountControls\n    }\n  }\n": types.AccountControlsDocument,
    "\n  mutation HoldCollections($accountId: ID!, $until: Date!, $reason: String!) {\n    holdCollections(accountId: $accountId, until: $until, reason: $reason) {\n      id\n      ...AccountForAccountControls\n    }\n  }\n": types.HoldCollectionsDocument,
    "\n  mutation ReleaseCollectionsHold($accountId: ID!) {\n    releaseCollectionsHold(accountId: $accountId) {\n      id\n      ...AccountForAccountControls\n    }\n  }\n": types.ReleaseCollectionsHoldDocument,
    "\n  mutation SetAccountProtections($accountId: ID!, $protections: [AccountProtectionInput!]!) {\n    setAccountProtections(accountId: $accountId, protections: $protections) {\n      id\n      ...AccountForAccountControls\n    }\n  }\n": types.SetAccountProtectionsDocument,
    "\n  fragment EnrollmentForAccountEnrollments on Enrollment {\n    id\n    startDate\n    endDate\n    promoCode\n    product {\n      id\n      code\n      name\n    }\n  }\n": types.EnrollmentForAccountEnrollmentsFragmentDoc,
    "\n  query AccountEnrollments($id: ID!) {\n    account(id: $id) {\n      id\n      enrollments {\n        id\n        ...EnrollmentForAccountEnrollments\n      }\n    }\n  }\n": types.AccountEnrollmentsDocument,
    "\n  mutation CreateAccount($input: CreateAccountInput!) {\n    createAccount(input: $input) {\n      id\n      number\n    }\n  }\n": types.CreateAccountDocument,
    "\n  mutation UpdateAccount($id: ID!, $input: UpdateAccountInput!) {\n    updateAccount(id: $id, input: $input) {\n      id\n      ...AccountForAccountHeader\n    }\n  }\n": types.UpdateAccountDocument,
    "\n  fragment AccountForAccountHeader on Account {\n    id\n    number\n    name\n    email\n    phone\n    segment\n    delivery\n    status\n    taxZone\n    taxExempt\n    taxExemptionRef\n    createdAt\n    balance\n    pastDue\n    daysPastDue\n    collectionsPath {\n      id\n      name\n      isDefault\n    }\n    paymentPlan {\n      id\n      status\n    }\n    invoices(first: 50) {\n      totalCount\n    }\n    payments(first: 50) {\n      totalCount\n    }\n    collectionsActions {\n      id\n    }\n    enrollments {\n      id\n    }\n    openWork: workItems(status: OPEN) {\n      totalCount\n    }\n    workInProgress: workItems(status: IN_PROGRESS) {\n      totalCount\n    }\n  }\n": types.AccountForAccountHeaderFragmentDoc,
    "\n  fragment InvoiceForAccountInvoices on Invoice {\n    id\n    number\n    status\n    periodStart\n    periodEnd\n    issueDate\n    dueDate\n    total\n    amountPaid\n    amountDue\n    dispute {\n      id\n      status\n      reason\n    }\n    document {\n      id\n      url\n      deliveries {\n        method\n        status\n        to\n        lastError\n      }\n    }\n  }\n": types.InvoiceForAccountInvoicesFragmentDoc,
    "\n  query AccountInvoices($id: ID!) {\n    account(id: $id) {\n      id\n      invoices(first: 50) {\n        totalCount\n        nodes {\n          id\n          ...InvoiceForAccountInvoices\n        }\n      }\n    }\n  }\n": types.AccountInvoicesDocument,
    "\n  query AccountDetail($id: ID!) {\n    account(id: $id) {\n      id\n      ...AccountForAccountHeader\n    }\n  }\n": types.AccountDetailDocument,
    "\n  fragment PaymentForAccountPayments on Payment {\n    id\n    amount\n    channel\n    receivedAt\n    reference\n    status\n    unapplied\n    allocations {\n      amount\n      invoice {\n        id\n        number\n      }\n    }\n  }\n": types.PaymentForAccountPaymentsFragmentDoc,
    "\n  query AccountPayments($id: ID!) {\n    account(id: $id) {\n      id\n      payments(first: 50) {\n        totalCount\n        nodes {\n          id\n          ...PaymentForAccountPayments\n        }\n      }\n    }\n  }\n": types.AccountPaymentsDocument,
    "\n  mutation ReversePayment($id: ID!, $reason: String!) {\n    reversePayment(id: $id, reason: $reason) {\n      id\n      ...PaymentForAccountPayments\n      account {\n        id\n        ...AccountForAccountHeader\n      }\n    }\n  }\n": types.ReversePaymentDocument,
    "\n  fragment PaymentPlanForAccountPlan on PaymentPlan {\n    id\n    status\n    total\n    createdAt\n    installments {\n      dueDate\n      amount\n      paid\n      status\n    }\n  }\n": types.PaymentPlanForAccountPlanFragmentDoc,
    "\n  query AccountPlan($id: ID!) {\n    account(id: $id) {\n      id\n      pastDue\n      paymentPlan {\n        id\n        ...PaymentPlanForAccountPlan\n      }\n    }\n  }\n": types.AccountPlanDocument,
    "\n  mutation CancelPaymentPlan($id: ID!) {\n    cancelPaymentPlan(id: $id) {\n      id\n      ...PaymentPlanForAccountPlan\n      account {\n        id\n        ...AccountForAccountHeader\n      }\n    }\n  }\n": types.CancelPaymentPlanDocument,
    "\n  mutation UpdateAccountTax($id: ID!, $input: UpdateAccountInput!) {\n    updateAccount(id: $id, input: $input) {\n      id\n      ...AccountForAccountHeader\n    }\n  }\n": types.UpdateAccountTaxDocument,
    "\n  fragment TimelineEntryForAccountTimeline on TimelineEntry {\n    at\n    kind\n    title\n    detail\n    actor\n    amount\n    subjectId\n  }\n": types.TimelineEntryForAccountTimelineFragmentDoc,
    "\n  query AccountTimeline($id: ID!, $first: Int, $after: String) {\n    account(id: $id) {\n      id\n      timeline(first: $first, after: $after) {\n        nodes {\n          ...TimelineEntryForAccountTimeline\n        }\n        pageInfo {\n          endCursor\n          hasNextPage\n        }\n      }\n    }\n  }\n": types.AccountTimelineDocument,
    "\n  fragment UsageReadForAccountUsageReads on UsageRead {\n    id\n    register\n    periodStart\n    periodEnd\n    quantity\n    estimated\n    status\n    invoice {\n      id\n      number\n    }\n    replacedBy {\n      id\n      quantity\n      estimated\n    }\n  }\n": types.UsageReadForAccountUsageReadsFragmentDoc,
    "\n  query AccountUsageReads($id: ID!) {\n    account(id: $id) {\n      id\n      usageReads(first: 100) {\n        totalCount\n        nodes {\n          id\n          ...UsageReadForAccountUsageReads\n        }\n      }\n    }\n  }\n": types.AccountUsageReadsDocument,
    "\n  mutation CancelUsageRead($id: ID!, $reason: String!) {\n    cancelUsageRead(id: $id, reason: $reason) {\n      id\n      ...UsageReadForAccountUsageReads\n      account {\n        id\n        ...AccountForAccountHeader\n      }\n    }\n  }\n": types.CancelUsageReadDocument,
    "\n  fragment WorkItemForAccountWorkItems on WorkItem {\n    id\n    title\n    kind\n    status\n    createdAt\n    dueAt\n    resolvedAt\n    queue {\n      id\n      key\n      name\n    }\n    assignee {\n      id\n      displayName\n    }\n    invoice {\n      id\n      number\n    }\n  }\n": types.WorkItemForAccountWorkItemsFragmentDoc,
    "\n  query AccountWorkItems($id: ID!, $first: Int) {\n    account(id: $id) {\n      id\n      workItems(first: $first) {\n        totalCount\n        pageInfo {\n          hasNextPage\n        }\n        nodes {\n          id\n          ...WorkItemForAccountWorkItems\n        }\n      }\n    }\n  }\n": types.AccountWorkItemsDocument,
    "\n  fragment AccountForAccountsPage on Account {\n    id\n    number\n    name\n    segment\n    status\n    balance\n    pastDue\n    daysPastDue\n  }\n": types.AccountForAccountsPageFragmentDoc,
    "\n  query AccountSearch($search: String, $status: AccountStatus, $segment: String, $first: Int) {\n    accounts(search: $search, status: $status, segment: $segment, first: $first) {\n      totalCount\n      pageInfo {\n        hasNextPage\n      }\n      nodes {\n        id\n        ...AccountForAccountsPage\n      }\n    }\n  }\n": types.AccountSearchDocument,
    "\n  fragment CollectionsPathForAssignPathDialog on CollectionsPath {\n    id\n    name\n    segments\n    isDefault\n    active\n  }\n": types.CollectionsPathForAssignPathDialogFragmentDoc,
    "\n  query PathChoices {\n    collectionsPaths {\n      id\n      ...CollectionsPathForAssignPathDialog\n    }\n  }\n": types.PathChoicesDocument,
    "\n  mutation AssignCollectionsPath($accountId: ID!, $pathId: ID) {\n    assignCollectionsPath(accountId: $accountId, pathId: $pathId) {\n      id\n      ...AccountForAccountHeader\n      collectionsPath {\n        id\n        name\n      }\n    }\n  }\n": types.AssignCollectionsPathDocument,
    "\n  fragment AuditEntryForAuditTrail on AuditEntry {\n    id\n    at\n    actor\n    action\n    subjectType\n    subjectId\n    before\n    after\n  }\n": types.AuditEntryForAuditTrailFragmentDoc,
    "\n  query AuditTrail($subjectType: String!, $subjectId: String!) {\n    auditLog(subjectType: $subjectType, subjectId: $subjectId, first: 200) {\n      totalCount\n      nodes {\n        id\n        ...AuditEntryForAuditTrail\n      }\n    }\n  }\n": types.AuditTrailDocument,
    "\n  fragment ProductForEnrollForm on Product {\n    id\n    code\n    name\n    salesStart\n    salesEnd\n  }\n": types.ProductForEnrollFormFragmentDoc,
    "\n  query EnrollChoices {\n    products(status: ACTIVE, first: 200) {\n      nodes {\n        id\n        ...ProductForEnrollForm\n      }\n    }\n  }\n": types.EnrollChoicesDocument,
    "\n  mutation Enroll($accountId: ID!, $productCode: String!, $startDate: Date!, $promoCode: String) {\n    enroll(accountId: $accountId, productCode: $productCode, startDate: $startDate, promoCode: $promoCode) {\n      id\n      ...EnrollmentForAccountEnrollments\n    }\n  }\n": types.EnrollDocument,
    "\n  mutation CreatePaymentPlan($input: CreatePaymentPlanInput!) {\n    createPaymentPlan(input: $input) {\n      id\n      ...PaymentPlanForAccountPlan\n      account {\n        id\n        ...AccountForAccountHeader\n      }\n    }\n  }\n": types.CreatePaymentPlanDocument,
    "\n  mutation RecordPayment($input: RecordPaymentInput!) {\n    recordPayment(input: $input) {\n      id\n      amount\n      unapplied\n      status\n      ...PaymentForAccountPayments\n      allocations {\n        amount\n        invoice {\n          id\n          number\n          status\n          amountDue\n          ...InvoiceForAccountInvoices\n        }\n      }\n      account {\n        id\n        ...AccountForAccountHeader\n      }\n    }\n  }\n": types.RecordPaymentDocument,
    "\n  mutation ImportAccounts($rows: [AccountImportInput!]!, $dryRun: Boolean) {\n    importAccounts(rows: $rows, dryRun: $dryRun) {\n      accepted\n      duplicates\n      rejected {\n        index\n        code\n        message\n      }\n    }\n  }\n": types.ImportAccountsDocument,
    "\n  fragment ApiKeyForApiKeysPanel on ApiKey {\n    id\n    name\n    role\n    createdAt\n    revokedAt\n  }\n": types.ApiKeyForApiKeysPanelFragmentDoc,
    "\n  query ApiKeys {\n    apiKeys {\n      id\n      ...ApiKeyForApiKeysPanel\n    }\n  }\n": types.ApiKeysDocument,
    "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        id\n        ...ApiKeyForApiKeysPanel\n      }\n    }\n  }\n": types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n      ...ApiKeyForApiKeysPanel\n    }\n  }\n": types.RevokeApiKeyDocument,
    "\n  fragment BillingRulesForBillingRulesPanel on BillingRules {\n    segment\n    highConsumptionFactor\n    swingPercent\n    maxInvoiceAmount\n    paymentTermsDays\n  }\n": types.BillingRulesForBillingRulesPanelFragmentDoc,
    "\n  query BillingRules {\n    billingRules {\n      segment\n      ...BillingRulesForBillingRulesPanel\n    }\n  }\n": types.BillingRulesDocument,
    "\n  mutation SetBillingRules($input: BillingRulesInput!) {\n    setBillingRules(input: $input) {\n      segment\n      ...BillingRulesForBillingRulesPanel\n    }\n  }\n": types.SetBillingRulesDocument,
    "\n  fragment BrandingForBrandingForm on Branding {\n    name\n    address\n    supportPhone\n    supportEmail\n    website\n    color\n    footer\n    hasLogo\n  }\n": types.BrandingForBrandingFormFragmentDoc,
    "\n  query Branding {\n    branding {\n      ...BrandingForBrandingForm\n    }\n  }\n": types.BrandingDocument,
    "\n  mutation SetBranding($input: BrandingInput!) {\n    setBranding(input: $input) {\n      ...BrandingForBrandingForm\n    }\n  }\n": types.SetBrandingDocument,
    "\n  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      id\n      ...UserForUsersPanel\n    }\n  }\n": types.UpdateUserDocument,
    "\n  mutation SetUserPassword($id: ID!, $password: String!) {\n    setUserPassword(id: $id, password: $password) {\n      id\n    }\n  }\n": types.SetUserPasswordDocument,
    "\n  fragment PrintBatchForPrintBatchesPanel on PrintBatch {\n    id\n    date\n    documents\n    pages\n    pdfUrl\n    manifestUrl\n  }\n": types.PrintBatchForPrintBatchesPanelFragmentDoc,
    "\n  query PrintBatches {\n    printBatches(first: 30) {\n      nodes {\n        id\n        ...PrintBatchForPrintBatchesPanel\n      }\n    }\n  }\n": types.PrintBatchesDocument,
    "\n  fragment WorkQueueForQueuesPanel on WorkQueue {\n    id\n    key\n    name\n    slaMinutes\n    openCount\n  }\n": types.WorkQueueForQueuesPanelFragmentDoc,
    "\n  query AdminQueues {\n    workQueues {\n      id\n      ...WorkQueueForQueuesPanel\n    }\n  }\n": types.AdminQueuesDocument,
    "\n  mutation CreateWorkQueue($input: CreateWorkQueueInput!) {\n    createWorkQueue(input: $input) {\n      id\n      overdueCount\n      ...WorkQueueForQueuesPanel\n    }\n  }\n": types.CreateWorkQueueDocument,
    "\n  mutation UpdateWorkQueue($key: String!, $name: String, $slaMinutes: Int) {\n    updateWorkQueue(key: $key, name: $name, slaMinutes: $slaMinutes) {\n      id\n      ...WorkQueueForQueuesPanel\n    }\n  }\n": types.UpdateWorkQueueDocument,
    "\n  mutation AddTaxRate($input: TaxRateInput!) {\n    addTaxRate(input: $input) {\n      ...TaxRateForTaxRatesPanel\n    }\n  }\n": types.AddTaxRateDocument,
    "\n  mutation EndTaxRate($id: ID!, $effectiveTo: Date!) {\n    endTaxRate(id: $id, effectiveTo: $effectiveTo) {\n      ...TaxRateForTaxRatesPanel\n    }\n  }\n": types.EndTaxRateDocument,
    "\n  fragment TaxRateForTaxRatesPanel on TaxRate {\n    id\n    zone\n    code\n    name\n    percent\n    appliesTo\n    effectiveFrom\n    effectiveTo\n  }\n": types.TaxRateForTaxRatesPanelFragmentDoc,
    "\n  query TaxRates {\n    taxRates {\n      ...TaxRateForTaxRatesPanel\n    }\n  }\n": types.TaxRatesDocument,
    "\n  fragment UserForUsersPanel on User {\n    id\n    username\n    displayName\n    role\n    active\n  }\n": types.UserForUsersPanelFragmentDoc,
    "\n  query Users {\n    users {\n      id\n      ...UserForUsersPanel\n    }\n  }\n": types.UsersDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n      ...UserForUsersPanel\n    }\n  }\n": types.CreateUserDocument,
    "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      token\n      user {\n        id\n        username\n        displayName\n        role\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  fragment BlackoutDateForBlackoutDates on BlackoutDate {\n    date\n    reason\n    addedBy\n  }\n": types.BlackoutDateForBlackoutDatesFragmentDoc,
    "\n  query BlackoutDates {\n    blackoutDates {\n      date\n      ...BlackoutDateForBlackoutDates\n    }\n  }\n": types.BlackoutDatesDocument,
    "\n  mutation AddBlackoutDate($date: Date!, $reason: String!) {\n    addBlackoutDate(date: $date, reason: $reason) {\n      date\n      ...BlackoutDateForBlackoutDates\n    }\n  }\n": types.AddBlackoutDateDocument,
    "\n  mutation RemoveBlackoutDate($date: Date!) {\n    removeBlackoutDate(date: $date)\n  }\n": types.RemoveBlackoutDateDocument,
    "\n  query CollectionsPaths {\n    collectionsPaths {\n      id\n      ...CollectionsPathForPathEditor\n    }\n    workQueues {\n      id\n      ...WorkQueueForPathEditor\n    }\n  }\n": types.CollectionsPathsDocument,
    "\n  fragment CollectionsPathForPathEditor on CollectionsPath {\n    id\n    name\n    segments\n    isDefault\n    active\n    steps {\n      id\n      position\n      name\n      action\n      daysPastDue\n      minPastDue\n      template\n      queueKey\n      feeAmount\n      feePercent\n      noticeDays\n      noticeStep {\n        id\n        position\n        name\n      }\n    }\n  }\n": types.CollectionsPathForPathEditorFragmentDoc,
    "\n  fragment WorkQueueForPathEditor on WorkQueue {\n    key\n    name\n  }\n": types.WorkQueueForPathEditorFragmentDoc,
    "\n  mutation CreateCollectionsPath($input: CollectionsPathInput!) {\n    createCollectionsPath(input: $input) {\n      id\n      isDefault\n      ...CollectionsPathForPathEditor\n    }\n  }\n": types.CreateCollectionsPathDocument,
    "\n  mutation UpdateCollectionsPath($id: ID!, $input: CollectionsPathInput!) {\n    updateCollectionsPath(id: $id, input: $input) {\n      id\n      isDefault\n      ...CollectionsPathForPathEditor\n    }\n  }\n": types.UpdateCollectionsPathDocument,
    "\n  fragment PendingChargeForAccountCredits on PendingCharge {\n    id\n    description\n    amount\n    taxable\n    createdBy\n    createdAt\n  }\n": types.PendingChargeForAccountCreditsFragmentDoc,
    "\n  fragment CreditNoteForAccountCredits on CreditNote {\n    id\n    number\n    issueDate\n    reason\n    total\n    appliedToInvoice\n    invoice {\n      id\n      number\n    }\n  }\n": types.CreditNoteForAccountCreditsFragmentDoc,
    "\n  fragment AccountForAccountCredits on Account {\n    id\n    number\n    balance\n    unappliedCredit\n  }\n": types.AccountForAccountCreditsFragmentDoc,
    "\n  query AccountCredits($id: ID!) {\n    account(id: $id) {\n      id\n      ...AccountForAccountCredits\n      pendingCharges {\n        id\n        ...PendingChargeForAccountCredits\n      }\n      creditNotes(first: 50) {\n        totalCount\n        nodes {\n          id\n          ...CreditNoteForAccountCredits\n        }\n      }\n    }\n  }\n": types.AccountCreditsDocument,
    "\n  mutation RemovePendingCharge($id: ID!) {\n    removePendingCharge(id: $id)\n  }\n": types.RemovePendingChargeDocument,
    "\n  mutation AddCharge($input: AddChargeInput!) {\n    addCharge(input: $input) {\n      id\n      amount\n      ...PendingChargeForAccountCredits\n    }\n  }\n": types.AddChargeDocument,
    "\n  fragment InvoiceForCreditInvoiceDialog on Invoice {\n    id\n    number\n    total\n    amountCredited\n    lines {\n      id\n      kind\n      description\n      amount\n    }\n    creditNotes {\n      id\n      lines {\n        amount\n        invoiceLine {\n          id\n        }\n      }\n    }\n  }\n": types.InvoiceForCreditInvoiceDialogFragmentDoc,
    "\n  mutation CreditInvoice($input: CreditInvoiceInput!) {\n    creditInvoice(input: $input) {\n      id\n      number\n      total\n      appliedToInvoice\n      invoice {\n        id\n        ...InvoiceForInvoiceHeader\n        amountPaid\n        amountDue\n        amountCredited\n        ...InvoiceForCreditInvoiceDialog\n        creditNotes {\n          id\n          ...CreditNoteForInvoiceCreditNotes\n        }\n      }\n      account {\n        id\n        balance\n        pastDue\n        ...AccountForAccountCredits\n      }\n    }\n  }\n": types.CreditInvoiceDocument,
    "\n  fragment CreditNoteForInvoiceCreditNotes on CreditNote {\n    id\n    number\n    issueDate\n    reason\n    createdBy\n    total\n    appliedToInvoice\n    document {\n      id\n      url\n    }\n    lines {\n      kind\n      description\n      amount\n      invoiceLine {\n        id\n      }\n    }\n  }\n": types.CreditNoteForInvoiceCreditNotesFragmentDoc,
    "\n  mutation RecordRefund($input: RecordRefundInput!) {\n    recordRefund(input: $input) {\n      id\n      amount\n      account {\n        id\n        ...AccountForAccountCredits\n        ...AccountForAccountHeader\n      }\n    }\n  }\n": types.RecordRefundDocument,
    "\n  fragment KpisForDashboardPage on Kpis {\n    asOf\n    receivables\n    dso\n    heldInvoices\n    openExceptions\n    openWorkItems\n    overdueWorkItems\n    slaAttainment\n    aging {\n      current\n      days1to30\n      days31to60\n      days61to90\n      over90\n    }\n    monthly(months: 6) {\n      month\n      invoiced\n      collected\n      pastDue\n      dso\n    }\n    slaByQueue(months: 6) {\n      queueKey\n      month\n      attainment\n      resolved\n    }\n  }\n": types.KpisForDashboardPageFragmentDoc,
    "\n  query Dashboard {\n    kpis {\n      ...KpisForDashboardPage\n    }\n  }\n": types.DashboardDocument,
    "\n  fragment InvoiceForDispute on Invoice {\n    id\n    status\n    creditNotes {\n      id\n      number\n    }\n    dispute {\n      id\n      status\n      reason\n      openedBy\n      openedAt\n      resolution\n      resolvedAt\n      creditNote {\n        id\n        number\n      }\n    }\n  }\n": types.InvoiceForDisputeFragmentDoc,
    "\n  mutation OpenDispute($invoiceId: ID!, $reason: String!) {\n    openDispute(invoiceId: $invoiceId, reason: $reason) {\n      id\n      invoice {\n        id\n        ...InvoiceForDispute\n      }\n    }\n  }\n": types.OpenDisputeDocument,
    "\n  mutation ResolveDispute($id: ID!, $outcome: DisputeStatus!, $resolution: String!, $creditNoteId: ID) {\n    resolveDispute(id: $id, outcome: $outcome, resolution: $resolution, creditNoteId: $creditNoteId) {\n      id\n      invoice {\n        id\n        ...InvoiceForDispute\n      }\n    }\n  }\n": types.ResolveDisputeDocument,
    "\n  mutation ChangeMyPassword($currentPassword: String!, $newPassword: String!) {\n    changeMyPassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      id\n    }\n  }\n": types.ChangeMyPasswordDocument,
    "\n  mutation CreateProduct($input: CreateProductInput!) {\n    createProduct(input: $input) {\n      id\n      code\n      name\n      status\n      version\n    }\n  }\n": types.CreateProductDocument,
    "\n  mutation PublishProduct($id: ID!, $salesStart: Date) {\n    publishProduct(id: $id, salesStart: $salesStart) {\n      id\n      ...ProductForProductPage\n    }\n  }\n": types.PublishProductDocument,
    "\n  mutation UpdateProduct($id: ID!, $expectedVersion: Int!, $input: UpdateProductInput!) {\n    updateProduct(id: $id, expectedVersion: $expectedVersion, input: $input) {\n      id\n      ...ProductForProductPage\n    }\n  }\n": types.UpdateProductDocument,
    "\n  mutation AddRate($productId: ID!, $input: RateInput!) {\n    addRate(productId: $productId, input: $input) {\n      id\n      ...ProductForProductPage\n      ...ProductRatesForProductPage\n    }\n  }\n": types.AddRateDocument,
    "\n  mutation AddPromoCode($productId: ID!, $input: PromoCodeInput!) {\n    addPromoCode(productId: $productId, input: $input) {\n      id\n      ...ProductForProductPage\n      ...ProductPromoCodesForProductPage\n    }\n  }\n": types.AddPromoCodeDocument,
    "\n  mutation AddIncentive($productId: ID!, $input: IncentiveInput!) {\n    addIncentive(productId: $productId, input: $input) {\n      id\n      ...ProductForProductPage\n      ...ProductIncentivesForProductPage\n    }\n  }\n": types.AddIncentiveDocument,
    "\n  mutation RetireProduct($id: ID!, $salesEnd: Date) {\n    retireProduct(id: $id, salesEnd: $salesEnd) {\n      id\n      ...ProductForProductPage\n    }\n  }\n": types.RetireProductDocument,
    "\n  fragment ProductRatesForProductPage on Product {\n    rates {\n      id\n      effectiveFrom\n      effectiveTo\n      unitPrice\n      tiers {\n        upTo\n        unitPrice\n      }\n      registerPrices {\n        register\n        unitPrice\n      }\n      billed\n    }\n  }\n": types.ProductRatesForProductPageFragmentDoc,
    "\n  fragment ProductPromoCodesForProductPage on Product {\n    promoCodes {\n      id\n      code\n      description\n      percentOff\n      amountOff\n      validFrom\n      validTo\n      maxRedemptions\n      redemptions\n      active\n    }\n  }\n": types.ProductPromoCodesForProductPageFragmentDoc,
    "\n  fragment ProductIncentivesForProductPage on Product {\n    incentives {\n      id\n      kind\n      description\n      value\n    }\n  }\n": types.ProductIncentivesForProductPageFragmentDoc,
    "\n  fragment ProductForProductPage on Product {\n    id\n    code\n    name\n    description\n    unit\n    status\n    salesStart\n    salesEnd\n    termMonths\n    fixedCharge\n    version\n    createdAt\n    updatedAt\n  }\n": types.ProductForProductPageFragmentDoc,
    "\n  query ProductDetail($id: ID!) {\n    product(id: $id) {\n      id\n      ...ProductForProductPage\n      ...ProductRatesForProductPage\n      ...ProductPromoCodesForProductPage\n      ...ProductIncentivesForProductPage\n    }\n  }\n": types.ProductDetailDocument,
    "\n  fragment ProductForProductsPage on Product {\n    id\n    code\n    name\n    unit\n    status\n    salesStart\n    salesEnd\n    fixedCharge\n    version\n    updatedAt\n    rates {\n      id\n      effectiveFrom\n      effectiveTo\n      unitPrice\n    }\n    promoCodes {\n      id\n    }\n  }\n": types.ProductForProductsPageFragmentDoc,
    "\n  query ProductList($status: ProductStatus) {\n    products(status: $status, first: 500) {\n      totalCount\n      nodes {\n        id\n        ...ProductForProductsPage\n      }\n    }\n  }\n": types.ProductListDocument,
    "\n  mutation UpdateRate($id: ID!, $input: RateInput!, $expectedVersion: Int) {\n    updateRate(id: $id, input: $input, expectedVersion: $expectedVersion) {\n      id\n      ...ProductForProductPage\n      ...ProductRatesForProductPage\n    }\n  }\n": types.UpdateRateDocument,
    "\n  mutation RemoveRate($id: ID!, $expectedVersion: Int) {\n    removeRate(id: $id, expectedVersion: $expectedVersion) {\n      id\n      ...ProductForProductPage\n      ...ProductRatesForProductPage\n    }\n  }\n": types.RemoveRateDocument,
    "\n  mutation EndRate($id: ID!, $effectiveTo: Date!, $expectedVersion: Int) {\n    endRate(id: $id, effectiveTo: $effectiveTo, expectedVersion: $expectedVersion) {\n      id\n      ...ProductForProductPage\n      ...ProductRatesForProductPage\n    }\n  }\n": types.EndRateDocument,
    "\n  mutation UpdatePromoCode($id: ID!, $input: PromoCodeInput!, $expectedVersion: Int) {\n    updatePromoCode(id: $id, input: $input, expectedVersion: $expectedVersion) {\n      id\n      ...ProductForProductPage\n      ...ProductPromoCodesForProductPage\n    }\n  }\n": types.UpdatePromoCodeDocument,
    "\n  mutation DeactivatePromoCode($id: ID!, $expectedVersion: Int) {\n    deactivatePromoCode(id: $id, expectedVersion: $expectedVersion) {\n      id\n      ...ProductForProductPage\n      ...ProductPromoCodesForProductPage\n    }\n  }\n": types.DeactivatePromoCodeDocument,
    "\n  mutation RemoveIncentive($id: ID!, $expectedVersion: Int) {\n    removeIncentive(id: $id, expectedVersion: $expectedVersion) {\n      id\n      ...ProductForProductPage\n      ...ProductIncentivesForProductPage\n    }\n  }\n": types.RemoveIncentiveDocument,
    "\n  mutation ImportRemittances($channel: PaymentChannel!, $lines: [RemittanceLineInput!]!) {\n    importRemittances(channel: $channel, lines: $lines) {\n      matched\n      suspense\n      returned\n      duplicates\n      rejected {\n        index\n        code\n        message\n      }\n    }\n  }\n": types.ImportRemittancesDocument,
    "\n  fragment SuspensePaymentForSuspensePayments on SuspensePayment {\n    id\n    reference\n    amount\n    receivedAt\n    channel\n    detail\n  }\n": types.SuspensePaymentForSuspensePaymentsFragmentDoc,
    "\n  query SuspensePayments {\n    suspensePayments(status: OPEN) {\n      id\n      ...SuspensePaymentForSuspensePayments\n    }\n  }\n": types.SuspensePaymentsDocument,
    "\n  mutation ApplySuspensePayment($id: ID!, $accountNumber: String!) {\n    applySuspensePayment(id: $id, accountNumber: $accountNumber) {\n      id\n      amount\n    }\n  }\n": types.ApplySuspensePaymentDocument,
    "\n  fragment BillingExceptionForBlockedAccounts on BillingException {\n    id\n    code\n    message\n    periodStart\n    periodEnd\n    createdAt\n    account {\n      id\n      number\n      name\n      enrollments {\n        id\n        startDate\n        endDate\n        product {\n          id\n          code\n          name\n        }\n      }\n    }\n    workItem {\n      id\n      status\n      queue {\n        id\n        key\n      }\n    }\n  }\n": types.BillingExceptionForBlockedAccountsFragmentDoc,
    "\n  query BlockedAccounts {\n    billingExceptions(status: OPEN, severity: CRITICAL, first: 200) {\n      totalCount\n      nodes {\n        id\n        ...BillingExceptionForBlockedAccounts\n      }\n    }\n  }\n": types.BlockedAccountsDocument,
    "\n  mutation ReleaseInvoice($id: ID!, $note: String) {\n    releaseInvoice(id: $id, note: $note) {\n      id\n      ...InvoiceForInvoiceHeader\n      issueDate\n      dueDate\n      amountDue\n      previewUrl\n      document {\n        id\n        url\n        pages\n      }\n      ...InvoiceForInvoiceExceptions\n    }\n  }\n": types.ReleaseInvoiceDocument,
    "\n  mutation VoidInvoice($id: ID!, $reason: String!, $cancelReads: Boolean) {\n    voidInvoice(id: $id, reason: $reason, cancelReads: $cancelReads) {\n      id\n      ...InvoiceForInvoiceHeader\n      voidReason\n      amountDue\n      previewUrl\n      ...InvoiceForInvoiceExceptions\n    }\n  }\n": types.VoidInvoiceDocument,
    "\n  fragment InvoiceForInvoiceExceptions on Invoice {\n    id\n    exceptions {\n      id\n      code\n      severity\n      status\n      message\n      resolvedAt\n      workItem {\n        id\n        status\n        queue {\n          id\n          key\n        }\n      }\n    }\n  }\n": types.InvoiceForInvoiceExceptionsFragmentDoc,
    "\n  fragment InvoiceForInvoiceHeader on Invoice {\n    id\n    number\n    status\n    periodStart\n    periodEnd\n    total\n    amountPaid\n    amountCredited\n    account {\n      id\n      number\n      name\n      segment\n    }\n  }\n": types.InvoiceForInvoiceHeaderFragmentDoc,
    "\n  fragment InvoiceForInvoiceLines on Invoice {\n    id\n    total\n    lines {\n      id\n      kind\n      description\n      quantity\n      unitPrice\n      amount\n      periodStart\n      periodEnd\n      taxCode\n    }\n  }\n": types.InvoiceForInvoiceLinesFragmentDoc,
    "\n  query InvoiceReview($id: ID!) {\n    invoice(id: $id) {\n      id\n      number\n      issueDate\n      dueDate\n      total\n      amountPaid\n      amountCredited\n      amountDue\n      voidReason\n      createdAt\n      previewUrl\n      ...InvoiceForDispute\n      document {\n        id\n        url\n        pages\n      }\n      creditNotes {\n        id\n        ...CreditNoteForInvoiceCreditNotes\n      }\n      billRun {\n        id\n        asOf\n      }\n      # The header, the credit dialog, the lines table, the exceptions and the usage history each declare what they show.\n      ...InvoiceForInvoiceHeader\n      ...InvoiceForCreditInvoiceDialog\n      ...InvoiceForInvoiceLines\n      ...InvoiceForInvoiceExceptions\n      ...InvoiceForUsageHistory\n      account {\n        id\n        status\n        balance\n        pastDue\n      }\n    }\n  }\n": types.InvoiceReviewDocument,
    "\n  fragment InvoiceForReviewPage on Invoice {\n    id\n    number\n    periodStart\n    periodEnd\n    total\n    createdAt\n    account {\n      id\n      number\n      name\n      segment\n    }\n    exceptions {\n      id\n      code\n      status\n    }\n  }\n": types.InvoiceForReviewPageFragmentDoc,
    "\n  query HeldInvoices {\n    invoices(status: HELD, first: 200) {\n      totalCount\n      nodes {\n        id\n        ...InvoiceForReviewPage\n      }\n    }\n    blocked: billingExceptions(status: OPEN, severity: CRITICAL, first: 1) {\n      totalCount\n    }\n  }\n": types.HeldInvoicesDocument,
    "\n  fragment InvoiceUsageForUsageHistory on Invoice {\n    id\n    number\n    status\n    periodStart\n    periodEnd\n    total\n    lines {\n      kind\n      quantity\n    }\n  }\n": types.InvoiceUsageForUsageHistoryFragmentDoc,
    "\n  fragment InvoiceForUsageHistory on Invoice {\n    id\n    ...InvoiceUsageForUsageHistory\n    account {\n      id\n      invoices(first: 13) {\n        nodes {\n          id\n          ...InvoiceUsageForUsageHistory\n        }\n      }\n    }\n  }\n": types.InvoiceForUsageHistoryFragmentDoc,
    "\n  mutation RunBilling($asOf: Date!) {\n    runBilling(asOf: $asOf, wait: false) {\n      id\n      ...BillRunForRunProgress\n    }\n  }\n": types.RunBillingDocument,
    "\n  fragment BillRunForRunProgress on BillRun {\n    id\n    asOf\n    status\n    accountsConsidered\n    accountsProcessed\n    invoicesIssued\n    invoicesHeld\n    accountsBlocked\n    accountsFailed\n    startedAt\n    finishedAt\n  }\n": types.BillRunForRunProgressFragmentDoc,
    "\n  subscription BillRunProgress($id: ID!) {\n    billRunProgress(id: $id) {\n      id\n      ...BillRunForRunProgress\n    }\n  }\n": types.BillRunProgressDocument,
    "\n  mutation RunCollections($asOf: Date!) {\n    runCollections(asOf: $asOf, wait: false) {\n      id\n      ...CollectionsRunForRunProgress\n    }\n  }\n": types.RunCollectionsDocument,
    "\n  fragment CollectionsRunForRunProgress on CollectionsRun {\n    id\n    asOf\n    status\n    accountsEvaluated\n    accountsFailed\n    actionsTaken\n    startedAt\n    finishedAt\n  }\n": types.CollectionsRunForRunProgressFragmentDoc,
    "\n  query CollectionsRunStatus($id: ID!) {\n    collectionsRun(id: $id) {\n      id\n      ...CollectionsRunForRunProgress\n    }\n  }\n": types.CollectionsRunStatusDocument,
    "\n  fragment RunPreviewForPreviewPanel on RunPreview {\n    kind\n    asOf\n    accounts\n    counts {\n      key\n      count\n      amount\n    }\n    samples {\n      outcome\n      amount\n      detail\n      account {\n        id\n        number\n        name\n      }\n    }\n  }\n": types.RunPreviewForPreviewPanelFragmentDoc,
    "\n  query PreviewBilling($asOf: Date!) {\n    previewBilling(asOf: $asOf) {\n      ...RunPreviewForPreviewPanel\n    }\n  }\n": types.PreviewBillingDocument,
    "\n  query PreviewCollections($asOf: Date!) {\n    previewCollections(asOf: $asOf) {\n      ...RunPreviewForPreviewPanel\n    }\n  }\n": types.PreviewCollectionsDocument,
    "\n  fragment RunScheduleForScheduleForm on RunSchedule {\n    kind\n    enabled\n    timeOfDay\n    lastRunDate\n  }\n": types.RunScheduleForScheduleFormFragmentDoc,
    "\n  query RunSchedules {\n    runSchedules {\n      kind\n      ...RunScheduleForScheduleForm\n    }\n  }\n": types.RunSchedulesDocument,
    "\n  mutation SetRunSchedule($kind: RunKind!, $enabled: Boolean!, $timeOfDay: String!) {\n    setRunSchedule(kind: $kind, enabled: $enabled, timeOfDay: $timeOfDay) {\n      kind\n      ...RunScheduleForScheduleForm\n    }\n  }\n": types.SetRunScheduleDocument,
    "\n  fragment BillRunForBillRunsTable on BillRun {\n    id\n    asOf\n    status\n    startedBy\n    startedAt\n    invoicesIssued\n    invoicesHeld\n    accountsBlocked\n    accountsFailed\n  }\n": types.BillRunForBillRunsTableFragmentDoc,
    "\n  fragment CollectionsRunForCollectionsRunsTable on CollectionsRun {\n    id\n    asOf\n    status\n    startedBy\n    startedAt\n    accountsEvaluated\n    actionsTaken\n    accountsFailed\n  }\n": types.CollectionsRunForCollectionsRunsTableFragmentDoc,
    "\n  query BillRunsList($first: Int) {\n    billRuns(first: $first) {\n      totalCount\n      pageInfo {\n        hasNextPage\n      }\n      nodes {\n        id\n        ...BillRunForBillRunsTable\n      }\n    }\n  }\n": types.BillRunsListDocument,
    "\n  query CollectionsRunsList($first: Int) {\n    collectionsRuns(first: $first) {\n      totalCount\n      pageInfo {\n        hasNextPage\n      }\n      nodes {\n        id\n        ...CollectionsRunForCollectionsRunsTable\n      }\n    }\n  }\n": types.CollectionsRunsListDocument,
    "\n  fragment SearchHitForSearchBox on SearchHit {\n    kind\n    id\n    accountId\n    invoiceId\n    title\n    detail\n  }\n": types.SearchHitForSearchBoxFragmentDoc,
    "\n  query GlobalSearch($text: String!) {\n    search(text: $text) {\n      ...SearchHitForSearchBox\n    }\n  }\n": types.GlobalSearchDocument,
    "\n  fragment WebhookEndpointForList on WebhookEndpoint {\n    id\n    url\n    description\n    eventTypes\n    status\n    disabledReason\n    disabledAt\n    cursor\n    eventsBehind\n    createdAt\n    apiKey {\n      id\n      name\n      role\n    }\n    deliveries(first: 10) {\n      totalCount\n      nodes {\n        id\n        eventId\n        attempt\n        succeeded\n        statusCode\n        error\n        durationMs\n        at\n      }\n    }\n  }\n": types.WebhookEndpointForListFragmentDoc,
    "\n  query WebhookEndpoints {\n    webhookEndpoints {\n      ...WebhookEndpointForList\n    }\n    apiKeys {\n      id\n      name\n      role\n      revokedAt\n    }\n  }\n": types.WebhookEndpointsDocument,
    "\n  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      secret\n      endpoint {\n        ...WebhookEndpointForList\n      }\n    }\n  }\n": types.CreateWebhookEndpointDocument,
    "\n  mutation EnableWebhookEndpoint($id: ID!) {\n    enableWebhookEndpoint(id: $id) {\n      ...WebhookEndpointForList\n    }\n  }\n": types.EnableWebhookEndpointDocument,
    "\n  mutation DisableWebhookEndpoint($id: ID!) {\n    disableWebhookEndpoint(id: $id) {\n      ...WebhookEndpointForList\n    }\n  }\n": types.DisableWebhookEndpointDocument,
    "\n  mutation DeleteWebhookEndpoint($id: ID!) {\n    deleteWebhookEndpoint(id: $id)\n  }\n": types.DeleteWebhookEndpointDocument,
    "\n  mutation RotateWebhookSecret($id: ID!) {\n    rotateWebhookSecret(id: $id) {\n      secret\n      endpoint {\n        ...WebhookEndpointForList\n      }\n    }\n  }\n": types.RotateWebhookSecretDocument,
    "\n  mutation ReplayWebhookEndpoint($id: ID!, $after: ID!) {\n    replayWebhookEndpoint(id: $id, after: $after) {\n      ...WebhookEndpointForList\n    }\n  }\n": types.ReplayWebhookEndpointDocument,
    "\n  mutation SendTestWebhook($id: ID!) {\n    sendTestWebhook(id: $id) {\n      messageId\n      succeeded\n      statusCode\n      error\n      durationMs\n    }\n  }\n": types.SendTestWebhookDocument,
    "\n  fragment WorkItemForItemRow on WorkItem {\n    id\n    title\n    kind\n    priority\n    status\n    createdAt\n    dueAt\n    resolvedAt\n    assignee {\n      id\n      displayName\n    }\n    account {\n      id\n      number\n      name\n    }\n  }\n": types.WorkItemForItemRowFragmentDoc,
    "\n  mutation ConfirmMarketDropFromWorkItem($accountId: ID!) {\n    confirmMarketDrop(accountId: $accountId) {\n      id\n      ...AccountForAccountHeader\n    }\n  }\n": types.ConfirmMarketDropFromWorkItemDocument,
    "\n  mutation CancelMarketDropFromWorkItem($accountId: ID!, $reason: String!) {\n    cancelMarketDrop(accountId: $accountId, reason: $reason) {\n      id\n      ...AccountForAccountHeader\n    }\n  }\n": types.CancelMarketDropFromWorkItemDocument,
    "\n  query MarketDropProtections($id: ID!) {\n    account(id: $id) {\n      id\n      protections {\n        code\n        until\n        note\n      }\n    }\n  }\n": types.MarketDropProtectionsDocument,
    "\n  mutation DecideProtectedStep($workItemId: ID!, $take: Boolean!, $reason: String!) {\n    decideProtectedStep(workItemId: $workItemId, take: $take, reason: $reason) {\n      id\n      ...WorkItemForWorkItemPanel\n    }\n  }\n": types.DecideProtectedStepDocument,
    "\n  fragment WorkQueueForQueuePage on WorkQueue {\n    id\n    key\n    name\n    slaMinutes\n    openCount\n    overdueCount\n  }\n": types.WorkQueueForQueuePageFragmentDoc,
    "\n  query QueueItems(\n    $key: String!\n    $status: WorkItemStatus\n    $assigneeId: ID\n    $search: String\n    $first: Int!\n    $after: String\n    $withInProgress: Boolean!\n  ) {\n    workQueue(key: $key) {\n      id\n      ...WorkQueueForQueuePage\n    }\n    inProgress: workItems(queueKey: $key, status: IN_PROGRESS, assigneeId: $assigneeId, search: $search, first: 200)\n      @include(if: $withInProgress) {\n      totalCount\n      nodes {\n        id\n        ...WorkItemForItemRow\n      }\n    }\n    items: workItems(queueKey: $key, status: $status, assigneeId: $assigneeId, search: $search, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      nodes {\n        id\n        ...WorkItemForItemRow\n      }\n    }\n  }\n": types.QueueItemsDocument,
    "\n  subscription WorkItemChanged($queueKey: String) {\n    workItemChanged(queueKey: $queueKey) {\n      id\n      ...WorkItemForItemRow\n    }\n  }\n": types.WorkItemChangedDocument,
    "\n  fragment WorkQueueForQueuesPage on WorkQueue {\n    id\n    key\n    name\n    slaMinutes\n    openCount\n    overdueCount\n  }\n": types.WorkQueueForQueuesPageFragmentDoc,
    "\n  query WorkQueues {\n    workQueues {\n      id\n      ...WorkQueueForQueuesPage\n    }\n  }\n": types.WorkQueuesDocument,
    "\n  fragment WorkItemForWorkItemPanel on WorkItem {\n    id\n    title\n    kind\n    priority\n    status\n    createdAt\n    dueAt\n    resolvedAt\n    resolution\n    queue {\n      id\n      key\n      name\n      ...WorkQueueForQueuePage\n    }\n    assignee {\n      id\n      displayName\n    }\n    account {\n      id\n      number\n      name\n      balance\n      pastDue\n      status\n      enrollments {\n        id\n        product {\n          id\n          code\n          name\n        }\n      }\n    }\n    invoice {\n      id\n      number\n      status\n      total\n    }\n    exception {\n      id\n      code\n      severity\n      message\n      status\n      periodStart\n      periodEnd\n    }\n    notes {\n      author\n      text\n      createdAt\n    }\n  }\n": types.WorkItemForWorkItemPanelFragmentDoc,
    "\n  query WorkItemDetail($id: ID!) {\n    workItem(id: $id) {\n      id\n      ...WorkItemForWorkItemPanel\n    }\n  }\n": types.WorkItemDetailDocument,
    "\n  mutation ClaimWorkItem($id: ID!) {\n    claimWorkItem(id: $id) {\n      id\n      ...WorkItemForWorkItemPanel\n    }\n  }\n": types.ClaimWorkItemDocument,
    "\n  mutation AddWorkItemNote($id: ID!, $text: String!) {\n    addWorkItemNote(id: $id, text: $text) {\n      id\n      ...WorkItemForWorkItemPanel\n    }\n  }\n": types.AddWorkItemNoteDocument,
    "\n  mutation ResolveWorkItem($id: ID!, $resolution: String!) {\n    resolveWorkItem(id: $id, resolution: $resolution) {\n      id\n      ...WorkItemForWorkItemPanel\n    }\n  }\n": types.ResolveWorkItemDocument,
    "\n  mutation ReassignWorkItem($id: ID!, $userId: ID!) {\n    reassignWorkItem(id: $id, userId: $userId) {\n      id\n      ...WorkItemForWorkItemPanel\n    }\n  }\n": types.ReassignWorkItemDocument,
    "\n  fragment UserForReassignControl on User {\n    id\n    username\n    displayName\n    role\n    active\n  }\n": types.UserForReassignControlFragmentDoc,
    "\n  query AssignableUsers {\n    users {\n      id\n      ...UserForReassignControl\n    }\n  }\n": types.AssignableUsersDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NavCounts {\n    workQueues {\n      id\n      key\n      openCount\n      overdueCount\n    }\n    held: invoices(status: HELD, first: 1) {\n      totalCount\n    }\n    blocked: billingExceptions(status: OPEN, severity: CRITICAL, first: 1) {\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query NavCounts {\n    workQueues {\n      id\n      key\n      openCount\n      overdueCount\n    }\n    held: invoices(status: HELD, first: 1) {\n      totalCount\n    }\n    blocked: billingExceptions(status: OPEN, severity: CRITICAL, first: 1) {\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment EventForLiveFeed on Event {\n    id\n    type\n    occurredAt\n    accountNumber\n    subjectId\n    payload\n  }\n"): (typeof documents)["\n  fragment EventForLiveFeed on Event {\n    id\n    type\n    occurredAt\n    accountNumber\n    subjectId\n    payload\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RecentEvents($after: ID, $first: Int) {\n    events(after: $after, first: $first) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      nodes {\n        ...EventForLiveFeed\n      }\n    }\n  }\n"): (typeof documents)["\n  query RecentEvents($after: ID, $first: Int) {\n    events(after: $after, first: $first) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      nodes {\n        ...EventForLiveFeed\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription LiveEvents($after: ID) {\n    events(after: $after) {\n      ...EventForLiveFeed\n    }\n  }\n"): (typeof documents)["\n  subscription LiveEvents($after: ID) {\n    events(after: $after) {\n      ...EventForLiveFeed\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountIdByNumber($number: String!) {\n    account(number: $number) {\n      id\n    }\n  }\n"): (typeof documents)["\n  query AccountIdByNumber($number: String!) {\n    account(number: $number) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CollectionsActionForAccountCollections on CollectionsAction {\n    id\n    action\n    asOf\n    detail\n    pastDue\n    daysPastDue\n    takenBy\n    createdAt\n    run {\n      id\n      startedBy\n    }\n    step {\n      id\n      name\n    }\n    invoice {\n      id\n      number\n    }\n    document {\n      id\n      url\n    }\n    workItem {\n      id\n      status\n      queue {\n        id\n        key\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment CollectionsActionForAccountCollections on CollectionsAction {\n    id\n    action\n    asOf\n    detail\n    pastDue\n    daysPastDue\n    takenBy\n    createdAt\n    run {\n      id\n      startedBy\n    }\n    step {\n      id\n      name\n    }\n    invoice {\n      id\n      number\n    }\n    document {\n      id\n      url\n    }\n    workItem {\n      id\n      status\n      queue {\n        id\n        key\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountCollections($id: ID!) {\n    account(id: $id) {\n      id\n      collectionsPath {\n        id\n        name\n        isDefault\n      }\n      collectionsActions {\n        id\n        ...CollectionsActionForAccountCollections\n      }\n    }\n  }\n"): (typeof documents)["\n  query AccountCollections($id: ID!) {\n    account(id: $id) {\n      id\n      collectionsPath {\n        id\n        name\n        isDefault\n      }\n      collectionsActions {\n        id\n        ...CollectionsActionForAccountCollections\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AccountForAccountControls on Account {\n    id\n    number\n    collectionsHold {\n      until\n      reason\n      createdBy\n      createdAt\n    }\n    protections {\n      code\n      until\n      note\n      setBy\n      setAt\n    }\n  }\n"): (typeof documents)["\n  fragment AccountForAccountControls on Account {\n    id\n    number\n    collectionsHold {\n      until\n      reason\n      createdBy\n      createdAt\n    }\n    protections {\n      code\n      until\n      note\n      setBy\n      setAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountControls($id: ID!) {\n    account(id: $id) {\n      id\n      ...AccountForAccountControls\n    }\n  }\n"): (typeof documents)["\n  query AccountControls($id: ID!) {\n    account(id: $id) {\n      id\n      ...AccountForAccountControls\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HoldCollections($accountId: ID!, $until: Date!, $reason: String!) {\n    holdCollections(accountId: $accountId, until: $until, reason: $reason) {\n      id\n      ...AccountForAccountControls\n    }\n  }\n"): (typeof documents)["\n  mutation HoldCollections($accountId: ID!, $until: Date!, $reason: String!) {\n    holdCollections(accountId: $accountId, until: $until, reason: $reason) {\n      id\n      ...AccountForAccountControls\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReleaseCollectionsHold($accountId: ID!) {\n    releaseCollectionsHold(accountId: $accountId) {\n      id\n      ...AccountForAccountControls\n    }\n  }\n"): (typeof documents)["\n  mutation ReleaseCollectionsHold($accountId: ID!) {\n    releaseCollectionsHold(accountId: $accountId) {\n      id\n      ...AccountForAccountControls\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetAccountProtections($accountId: ID!, $protections: [AccountProtectionInput!]!) {\n    setAccountProtections(accountId: $accountId, protections: $protections) {\n      id\n      ...AccountForAccountControls\n    }\n  }\n"): (typeof documents)["\n  mutation SetAccountProtections($accountId: ID!, $protections: [AccountProtectionInput!]!) {\n    setAccountProtections(accountId: $accountId, protections: $protections) {\n      id\n      ...AccountForAccountControls\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment EnrollmentForAccountEnrollments on Enrollment {\n    id\n    startDate\n    endDate\n    promoCode\n    product {\n      id\n      code\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment EnrollmentForAccountEnrollments on Enrollment {\n    id\n    startDate\n    endDate\n    promoCode\n    product {\n      id\n      code\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountEnrollments($id: ID!) {\n    account(id: $id) {\n      id\n      enrollments {\n        id\n        ...EnrollmentForAccountEnrollments\n      }\n    }\n  }\n"): (typeof documents)["\n  query AccountEnrollments($id: ID!) {\n    account(id: $id) {\n      id\n      enrollments {\n        id\n        ...EnrollmentForAccountEnrollments\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateAccount($input: CreateAccountInput!) {\n    createAccount(input: $input) {\n      id\n      number\n    }\n  }\n"): (typeof documents)["\n  mutation CreateAccount($input: CreateAccountInput!) {\n    createAccount(input: $input) {\n      id\n      number\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateAccount($id: ID!, $input: UpdateAccountInput!) {\n    updateAccount(id: $id, input: $input) {\n      id\n      ...AccountForAccountHeader\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateAccount($id: ID!, $input: UpdateAccountInput!) {\n    updateAccount(id: $id, input: $input) {\n      id\n      ...AccountForAccountHeader\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AccountForAccountHeader on Account {\n    id\n    number\n    name\n    email\n    phone\n    segment\n    delivery\n    status\n    taxZone\n    taxExempt\n    taxExemptionRef\n    createdAt\n    balance\n    pastDue\n    daysPastDue\n    collectionsPath {\n      id\n      name\n      isDefault\n    }\n    paymentPlan {\n      id\n      status\n    }\n    invoices(first: 50) {\n      totalCount\n    }\n    payments(first: 50) {\n      totalCount\n    }\n    collectionsActions {\n      id\n    }\n    enrollments {\n      id\n    }\n    openWork: workItems(status: OPEN) {\n      totalCount\n    }\n    workInProgress: workItems(status: IN_PROGRESS) {\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  fragment AccountForAccountHeader on Account {\n    id\n    number\n    name\n    email\n    phone\n    segment\n    delivery\n    status\n    taxZone\n    taxExempt\n    taxExemptionRef\n    createdAt\n    balance\n    pastDue\n    daysPastDue\n    collectionsPath {\n      id\n      name\n      isDefault\n    }\n    paymentPlan {\n      id\n      status\n    }\n    invoices(first: 50) {\n      totalCount\n    }\n    payments(first: 50) {\n      totalCount\n    }\n    collectionsActions {\n      id\n    }\n    enrollments {\n      id\n    }\n    openWork: workItems(status: OPEN) {\n      totalCount\n    }\n    workInProgress: workItems(status: IN_PROGRESS) {\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment InvoiceForAccountInvoices on Invoice {\n    id\n    number\n    status\n    periodStart\n    periodEnd\n    issueDate\n    dueDate\n    total\n    amountPaid\n    amountDue\n    dispute {\n      id\n      status\n      reason\n    }\n    document {\n      id\n      url\n      deliveries {\n        method\n        status\n        to\n        lastError\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment InvoiceForAccountInvoices on Invoice {\n    id\n    number\n    status\n    periodStart\n    periodEnd\n    issueDate\n    dueDate\n    total\n    amountPaid\n    amountDue\n    dispute {\n      id\n      status\n      reason\n    }\n    document {\n      id\n      url\n      deliveries {\n        method\n        status\n        to\n        lastError\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountInvoices($id: ID!) {\n    account(id: $id) {\n      id\n      invoices(first: 50) {\n        totalCount\n        nodes {\n          id\n          ...InvoiceForAccountInvoices\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AccountInvoices($id: ID!) {\n    account(id: $id) {\n      id\n      invoices(first: 50) {\n        totalCount\n        nodes {\n          id\n          ...InvoiceForAccountInvoices\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountDetail($id: ID!) {\n    account(id: $id) {\n      id\n      ...AccountForAccountHeader\n    }\n  }\n"): (typeof documents)["\n  query AccountDetail($id: ID!) {\n    account(id: $id) {\n      id\n      ...AccountForAccountHeader\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PaymentForAccountPayments on Payment {\n    id\n    amount\n    channel\n    receivedAt\n    reference\n    status\n    unapplied\n    allocations {\n      amount\n      invoice {\n        id\n        number\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment PaymentForAccountPayments on Payment {\n    id\n    amount\n    channel\n    receivedAt\n    reference\n    status\n    unapplied\n    allocations {\n      amount\n      invoice {\n        id\n        number\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountPayments($id: ID!) {\n    account(id: $id) {\n      id\n      payments(first: 50) {\n        totalCount\n        nodes {\n          id\n          ...PaymentForAccountPayments\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AccountPayments($id: ID!) {\n    account(id: $id) {\n      id\n      payments(first: 50) {\n        totalCount\n        nodes {\n          id\n          ...PaymentForAccountPayments\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReversePayment($id: ID!, $reason: String!) {\n    reversePayment(id: $id, reason: $reason) {\n      id\n      ...PaymentForAccountPayments\n      account {\n        id\n        ...AccountForAccountHeader\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ReversePayment($id: ID!, $reason: String!) {\n    reversePayment(id: $id, reason: $reason) {\n      id\n      ...PaymentForAccountPayments\n      account {\n        id\n        ...AccountForAccountHeader\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PaymentPlanForAccountPlan on PaymentPlan {\n    id\n    status\n    total\n    createdAt\n    installments {\n      dueDate\n      amount\n      paid\n      status\n    }\n  }\n"): (typeof documents)["\n  fragment PaymentPlanForAccountPlan on PaymentPlan {\n    id\n    status\n    total\n    createdAt\n    installments {\n      dueDate\n      amount\n      paid\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountPlan($id: ID!) {\n    account(id: $id) {\n      id\n      pastDue\n      paymentPlan {\n        id\n        ...PaymentPlanForAccountPlan\n      }\n    }\n  }\n"): (typeof documents)["\n  query AccountPlan($id: ID!) {\n    account(id: $id) {\n      id\n      pastDue\n      paymentPlan {\n        id\n        ...PaymentPlanForAccountPlan\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelPaymentPlan($id: ID!) {\n    cancelPaymentPlan(id: $id) {\n      id\n      ...PaymentPlanForAccountPlan\n      account {\n        id\n        ...AccountForAccountHeader\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CancelPaymentPlan($id: ID!) {\n    cancelPaymentPlan(id: $id) {\n      id\n      ...PaymentPlanForAccountPlan\n      account {\n        id\n        ...AccountForAccountHeader\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateAccountTax($id: ID!, $input: UpdateAccountInput!) {\n    updateAccount(id: $id, input: $input) {\n      id\n      ...AccountForAccountHeader\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateAccountTax($id: ID!, $input: UpdateAccountInput!) {\n    updateAccount(id: $id, input: $input) {\n      id\n      ...AccountForAccountHeader\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TimelineEntryForAccountTimeline on TimelineEntry {\n    at\n    kind\n    title\n    detail\n    actor\n    amount\n    subjectId\n  }\n"): (typeof documents)["\n  fragment TimelineEntryForAccountTimeline on TimelineEntry {\n    at\n    kind\n    title\n    detail\n    actor\n    amount\n    subjectId\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountTimeline($id: ID!, $first: Int, $after: String) {\n    account(id: $id) {\n      id\n      timeline(first: $first, after: $after) {\n        nodes {\n          ...TimelineEntryForAccountTimeline\n        }\n        pageInfo {\n          endCursor\n          hasNextPage\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AccountTimeline($id: ID!, $first: Int, $after: String) {\n    account(id: $id) {\n      id\n      timeline(first: $first, after: $after) {\n        nodes {\n          ...TimelineEntryForAccountTimeline\n        }\n        pageInfo {\n          endCursor\n          hasNextPage\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UsageReadForAccountUsageReads on UsageRead {\n    id\n    register\n    periodStart\n    periodEnd\n    quantity\n    estimated\n    status\n    invoice {\n      id\n      number\n    }\n    replacedBy {\n      id\n      quantity\n      estimated\n    }\n  }\n"): (typeof documents)["\n  fragment UsageReadForAccountUsageReads on UsageRead {\n    id\n    register\n    periodStart\n    periodEnd\n    quantity\n    estimated\n    status\n    invoice {\n      id\n      number\n    }\n    replacedBy {\n      id\n      quantity\n      estimated\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountUsageReads($id: ID!) {\n    account(id: $id) {\n      id\n      usageReads(first: 100) {\n        totalCount\n        nodes {\n          id\n          ...UsageReadForAccountUsageReads\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AccountUsageReads($id: ID!) {\n    account(id: $id) {\n      id\n      usageReads(first: 100) {\n        totalCount\n        nodes {\n          id\n          ...UsageReadForAccountUsageReads\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelUsageRead($id: ID!, $reason: String!) {\n    cancelUsageRead(id: $id, reason: $reason) {\n      id\n      ...UsageReadForAccountUsageReads\n      account {\n        id\n        ...AccountForAccountHeader\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CancelUsageRead($id: ID!, $reason: String!) {\n    cancelUsageRead(id: $id, reason: $reason) {\n      id\n      ...UsageReadForAccountUsageReads\n      account {\n        id\n        ...AccountForAccountHeader\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WorkItemForAccountWorkItems on WorkItem {\n    id\n    title\n    kind\n    status\n    createdAt\n    dueAt\n    resolvedAt\n    queue {\n      id\n      key\n      name\n    }\n    assignee {\n      id\n      displayName\n    }\n    invoice {\n      id\n      number\n    }\n  }\n"): (typeof documents)["\n  fragment WorkItemForAccountWorkItems on WorkItem {\n    id\n    title\n    kind\n    status\n    createdAt\n    dueAt\n    resolvedAt\n    queue {\n      id\n      key\n      name\n    }\n    assignee {\n      id\n      displayName\n    }\n    invoice {\n      id\n      number\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountWorkItems($id: ID!, $first: Int) {\n    account(id: $id) {\n      id\n      workItems(first: $first) {\n        totalCount\n        pageInfo {\n          hasNextPage\n        }\n        nodes {\n          id\n          ...WorkItemForAccountWorkItems\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AccountWorkItems($id: ID!, $first: Int) {\n    account(id: $id) {\n      id\n      workItems(first: $first) {\n        totalCount\n        pageInfo {\n          hasNextPage\n        }\n        nodes {\n          id\n          ...WorkItemForAccountWorkItems\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AccountForAccountsPage on Account {\n    id\n    number\n    name\n    segment\n    status\n    balance\n    pastDue\n    daysPastDue\n  }\n"): (typeof documents)["\n  fragment AccountForAccountsPage on Account {\n    id\n    number\n    name\n    segment\n    status\n    balance\n    pastDue\n    daysPastDue\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountSearch($search: String, $status: AccountStatus, $segment: String, $first: Int) {\n    accounts(search: $search, status: $status, segment: $segment, first: $first) {\n      totalCount\n      pageInfo {\n        hasNextPage\n      }\n      nodes {\n        id\n        ...AccountForAccountsPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query AccountSearch($search: String, $status: AccountStatus, $segment: String, $first: Int) {\n    accounts(search: $search, status: $status, segment: $segment, first: $first) {\n      totalCount\n      pageInfo {\n        hasNextPage\n      }\n      nodes {\n        id\n        ...AccountForAccountsPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CollectionsPathForAssignPathDialog on CollectionsPath {\n    id\n    name\n    segments\n    isDefault\n    active\n  }\n"): (typeof documents)["\n  fragment CollectionsPathForAssignPathDialog on CollectionsPath {\n    id\n    name\n    segments\n    isDefault\n    active\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PathChoices {\n    collectionsPaths {\n      id\n      ...CollectionsPathForAssignPathDialog\n    }\n  }\n"): (typeof documents)["\n  query PathChoices {\n    collectionsPaths {\n      id\n      ...CollectionsPathForAssignPathDialog\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AssignCollectionsPath($accountId: ID!, $pathId: ID) {\n    assignCollectionsPath(accountId: $accountId, pathId: $pathId) {\n      id\n      ...AccountForAccountHeader\n      collectionsPath {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AssignCollectionsPath($accountId: ID!, $pathId: ID) {\n    assignCollectionsPath(accountId: $accountId, pathId: $pathId) {\n      id\n      ...AccountForAccountHeader\n      collectionsPath {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AuditEntryForAuditTrail on AuditEntry {\n    id\n    at\n    actor\n    action\n    subjectType\n    subjectId\n    before\n    after\n  }\n"): (typeof documents)["\n  fragment AuditEntryForAuditTrail on AuditEntry {\n    id\n    at\n    actor\n    action\n    subjectType\n    subjectId\n    before\n    after\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditTrail($subjectType: String!, $subjectId: String!) {\n    auditLog(subjectType: $subjectType, subjectId: $subjectId, first: 200) {\n      totalCount\n      nodes {\n        id\n        ...AuditEntryForAuditTrail\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditTrail($subjectType: String!, $subjectId: String!) {\n    auditLog(subjectType: $subjectType, subjectId: $subjectId, first: 200) {\n      totalCount\n      nodes {\n        id\n        ...AuditEntryForAuditTrail\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ProductForEnrollForm on Product {\n    id\n    code\n    name\n    salesStart\n    salesEnd\n  }\n"): (typeof documents)["\n  fragment ProductForEnrollForm on Product {\n    id\n    code\n    name\n    salesStart\n    salesEnd\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EnrollChoices {\n    products(status: ACTIVE, first: 200) {\n      nodes {\n        id\n        ...ProductForEnrollForm\n      }\n    }\n  }\n"): (typeof documents)["\n  query EnrollChoices {\n    products(status: ACTIVE, first: 200) {\n      nodes {\n        id\n        ...ProductForEnrollForm\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Enroll($accountId: ID!, $productCode: String!, $startDate: Date!, $promoCode: String) {\n    enroll(accountId: $accountId, productCode: $productCode, startDate: $startDate, promoCode: $promoCode) {\n      id\n      ...EnrollmentForAccountEnrollments\n    }\n  }\n"): (typeof documents)["\n  mutation Enroll($accountId: ID!, $productCode: String!, $startDate: Date!, $promoCode: String) {\n    enroll(accountId: $accountId, productCode: $productCode, startDate: $startDate, promoCode: $promoCode) {\n      id\n      ...EnrollmentForAccountEnrollments\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreatePaymentPlan($input: CreatePaymentPlanInput!) {\n    createPaymentPlan(input: $input) {\n      id\n      ...PaymentPlanForAccountPlan\n      account {\n        id\n        ...AccountForAccountHeader\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreatePaymentPlan($input: CreatePaymentPlanInput!) {\n    createPaymentPlan(input: $input) {\n      id\n      ...PaymentPlanForAccountPlan\n      account {\n        id\n        ...AccountForAccountHeader\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordPayment($input: RecordPaymentInput!) {\n    recordPayment(input: $input) {\n      id\n      amount\n      unapplied\n      status\n      ...PaymentForAccountPayments\n      allocations {\n        amount\n        invoice {\n          id\n          number\n          status\n          amountDue\n          ...InvoiceForAccountInvoices\n        }\n      }\n      account {\n        id\n        ...AccountForAccountHeader\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RecordPayment($input: RecordPaymentInput!) {\n    recordPayment(input: $input) {\n      id\n      amount\n      unapplied\n      status\n      ...PaymentForAccountPayments\n      allocations {\n        amount\n        invoice {\n          id\n          number\n          status\n          amountDue\n          ...InvoiceForAccountInvoices\n        }\n      }\n      account {\n        id\n        ...AccountForAccountHeader\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImportAccounts($rows: [AccountImportInput!]!, $dryRun: Boolean) {\n    importAccounts(rows: $rows, dryRun: $dryRun) {\n      accepted\n      duplicates\n      rejected {\n        index\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ImportAccounts($rows: [AccountImportInput!]!, $dryRun: Boolean) {\n    importAccounts(rows: $rows, dryRun: $dryRun) {\n      accepted\n      duplicates\n      rejected {\n        index\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ApiKeyForApiKeysPanel on ApiKey {\n    id\n    name\n    role\n    createdAt\n    revokedAt\n  }\n"): (typeof documents)["\n  fragment ApiKeyForApiKeysPanel on ApiKey {\n    id\n    name\n    role\n    createdAt\n    revokedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiKeys {\n    apiKeys {\n      id\n      ...ApiKeyForApiKeysPanel\n    }\n  }\n"): (typeof documents)["\n  query ApiKeys {\n    apiKeys {\n      id\n      ...ApiKeyForApiKeysPanel\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        id\n        ...ApiKeyForApiKeysPanel\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        id\n        ...ApiKeyForApiKeysPanel\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n      ...ApiKeyForApiKeysPanel\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      id\n      ...ApiKeyForApiKeysPanel\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BillingRulesForBillingRulesPanel on BillingRules {\n    segment\n    highConsumptionFactor\n    swingPercent\n    maxInvoiceAmount\n    paymentTermsDays\n  }\n"): (typeof documents)["\n  fragment BillingRulesForBillingRulesPanel on BillingRules {\n    segment\n    highConsumptionFactor\n    swingPercent\n    maxInvoiceAmount\n    paymentTermsDays\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BillingRules {\n    billingRules {\n      segment\n      ...BillingRulesForBillingRulesPanel\n    }\n  }\n"): (typeof documents)["\n  query BillingRules {\n    billingRules {\n      segment\n      ...BillingRulesForBillingRulesPanel\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetBillingRules($input: BillingRulesInput!) {\n    setBillingRules(input: $input) {\n      segment\n      ...BillingRulesForBillingRulesPanel\n    }\n  }\n"): (typeof documents)["\n  mutation SetBillingRules($input: BillingRulesInput!) {\n    setBillingRules(input: $input) {\n      segment\n      ...BillingRulesForBillingRulesPanel\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BrandingForBrandingForm on Branding {\n    name\n    address\n    supportPhone\n    supportEmail\n    website\n    color\n    footer\n    hasLogo\n  }\n"): (typeof documents)["\n  fragment BrandingForBrandingForm on Branding {\n    name\n    address\n    supportPhone\n    supportEmail\n    website\n    color\n    footer\n    hasLogo\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Branding {\n    branding {\n      ...BrandingForBrandingForm\n    }\n  }\n"): (typeof documents)["\n  query Branding {\n    branding {\n      ...BrandingForBrandingForm\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetBranding($input: BrandingInput!) {\n    setBranding(input: $input) {\n      ...BrandingForBrandingForm\n    }\n  }\n"): (typeof documents)["\n  mutation SetBranding($input: BrandingInput!) {\n    setBranding(input: $input) {\n      ...BrandingForBrandingForm\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      id\n      ...UserForUsersPanel\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      id\n      ...UserForUsersPanel\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetUserPassword($id: ID!, $password: String!) {\n    setUserPassword(id: $id, password: $password) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation SetUserPassword($id: ID!, $password: String!) {\n    setUserPassword(id: $id, password: $password) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PrintBatchForPrintBatchesPanel on PrintBatch {\n    id\n    date\n    documents\n    pages\n    pdfUrl\n    manifestUrl\n  }\n"): (typeof documents)["\n  fragment PrintBatchForPrintBatchesPanel on PrintBatch {\n    id\n    date\n    documents\n    pages\n    pdfUrl\n    manifestUrl\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PrintBatches {\n    printBatches(first: 30) {\n      nodes {\n        id\n        ...PrintBatchForPrintBatchesPanel\n      }\n    }\n  }\n"): (typeof documents)["\n  query PrintBatches {\n    printBatches(first: 30) {\n      nodes {\n        id\n        ...PrintBatchForPrintBatchesPanel\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WorkQueueForQueuesPanel on WorkQueue {\n    id\n    key\n    name\n    slaMinutes\n    openCount\n  }\n"): (typeof documents)["\n  fragment WorkQueueForQueuesPanel on WorkQueue {\n    id\n    key\n    name\n    slaMinutes\n    openCount\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminQueues {\n    workQueues {\n      id\n      ...WorkQueueForQueuesPanel\n    }\n  }\n"): (typeof documents)["\n  query AdminQueues {\n    workQueues {\n      id\n      ...WorkQueueForQueuesPanel\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateWorkQueue($input: CreateWorkQueueInput!) {\n    createWorkQueue(input: $input) {\n      id\n      overdueCount\n      ...WorkQueueForQueuesPanel\n    }\n  }\n"): (typeof documents)["\n  mutation CreateWorkQueue($input: CreateWorkQueueInput!) {\n    createWorkQueue(input: $input) {\n      id\n      overdueCount\n      ...WorkQueueForQueuesPanel\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateWorkQueue($key: String!, $name: String, $slaMinutes: Int) {\n    updateWorkQueue(key: $key, name: $name, slaMinutes: $slaMinutes) {\n      id\n      ...WorkQueueForQueuesPanel\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateWorkQueue($key: String!, $name: String, $slaMinutes: Int) {\n    updateWorkQueue(key: $key, name: $name, slaMinutes: $slaMinutes) {\n      id\n      ...WorkQueueForQueuesPanel\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddTaxRate($input: TaxRateInput!) {\n    addTaxRate(input: $input) {\n      ...TaxRateForTaxRatesPanel\n    }\n  }\n"): (typeof documents)["\n  mutation AddTaxRate($input: TaxRateInput!) {\n    addTaxRate(input: $input) {\n      ...TaxRateForTaxRatesPanel\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EndTaxRate($id: ID!, $effectiveTo: Date!) {\n    endTaxRate(id: $id, effectiveTo: $effectiveTo) {\n      ...TaxRateForTaxRatesPanel\n    }\n  }\n"): (typeof documents)["\n  mutation EndTaxRate($id: ID!, $effectiveTo: Date!) {\n    endTaxRate(id: $id, effectiveTo: $effectiveTo) {\n      ...TaxRateForTaxRatesPanel\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TaxRateForTaxRatesPanel on TaxRate {\n    id\n    zone\n    code\n    name\n    percent\n    appliesTo\n    effectiveFrom\n    effectiveTo\n  }\n"): (typeof documents)["\n  fragment TaxRateForTaxRatesPanel on TaxRate {\n    id\n    zone\n    code\n    name\n    percent\n    appliesTo\n    effectiveFrom\n    effectiveTo\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TaxRates {\n    taxRates {\n      ...TaxRateForTaxRatesPanel\n    }\n  }\n"): (typeof documents)["\n  query TaxRates {\n    taxRates {\n      ...TaxRateForTaxRatesPanel\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UserForUsersPanel on User {\n    id\n    username\n    displayName\n    role\n    active\n  }\n"): (typeof documents)["\n  fragment UserForUsersPanel on User {\n    id\n    username\n    displayName\n    role\n    active\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Users {\n    users {\n      id\n      ...UserForUsersPanel\n    }\n  }\n"): (typeof documents)["\n  query Users {\n    users {\n      id\n      ...UserForUsersPanel\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n      ...UserForUsersPanel\n    }\n  }\n"): (typeof documents)["\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n      ...UserForUsersPanel\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      token\n      user {\n        id\n        username\n        displayName\n        role\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      token\n      user {\n        id\n        username\n        displayName\n        role\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BlackoutDateForBlackoutDates on BlackoutDate {\n    date\n    reason\n    addedBy\n  }\n"): (typeof documents)["\n  fragment BlackoutDateForBlackoutDates on BlackoutDate {\n    date\n    reason\n    addedBy\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BlackoutDates {\n    blackoutDates {\n      date\n      ...BlackoutDateForBlackoutDates\n    }\n  }\n"): (typeof documents)["\n  query BlackoutDates {\n    blackoutDates {\n      date\n      ...BlackoutDateForBlackoutDates\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddBlackoutDate($date: Date!, $reason: String!) {\n    addBlackoutDate(date: $date, reason: $reason) {\n      date\n      ...BlackoutDateForBlackoutDates\n    }\n  }\n"): (typeof documents)["\n  mutation AddBlackoutDate($date: Date!, $reason: String!) {\n    addBlackoutDate(date: $date, reason: $reason) {\n      date\n      ...BlackoutDateForBlackoutDates\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveBlackoutDate($date: Date!) {\n    removeBlackoutDate(date: $date)\n  }\n"): (typeof documents)["\n  mutation RemoveBlackoutDate($date: Date!) {\n    removeBlackoutDate(date: $date)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CollectionsPaths {\n    collectionsPaths {\n      id\n      ...CollectionsPathForPathEditor\n    }\n    workQueues {\n      id\n      ...WorkQueueForPathEditor\n    }\n  }\n"): (typeof documents)["\n  query CollectionsPaths {\n    collectionsPaths {\n      id\n      ...CollectionsPathForPathEditor\n    }\n    workQueues {\n      id\n      ...WorkQueueForPathEditor\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CollectionsPathForPathEditor on CollectionsPath {\n    id\n    name\n    segments\n    isDefault\n    active\n    steps {\n      id\n      position\n      name\n      action\n      daysPastDue\n      minPastDue\n      template\n      queueKey\n      feeAmount\n      feePercent\n      noticeDays\n      noticeStep {\n        id\n        position\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment CollectionsPathForPathEditor on CollectionsPath {\n    id\n    name\n    segments\n    isDefault\n    active\n    steps {\n      id\n      position\n      name\n      action\n      daysPastDue\n      minPastDue\n      template\n      queueKey\n      feeAmount\n      feePercent\n      noticeDays\n      noticeStep {\n        id\n        position\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WorkQueueForPathEditor on WorkQueue {\n    key\n    name\n  }\n"): (typeof documents)["\n  fragment WorkQueueForPathEditor on WorkQueue {\n    key\n    name\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCollectionsPath($input: CollectionsPathInput!) {\n    createCollectionsPath(input: $input) {\n      id\n      isDefault\n      ...CollectionsPathForPathEditor\n    }\n  }\n"): (typeof documents)["\n  mutation CreateCollectionsPath($input: CollectionsPathInput!) {\n    createCollectionsPath(input: $input) {\n      id\n      isDefault\n      ...CollectionsPathForPathEditor\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateCollectionsPath($id: ID!, $input: CollectionsPathInput!) {\n    updateCollectionsPath(id: $id, input: $input) {\n      id\n      isDefault\n      ...CollectionsPathForPathEditor\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateCollectionsPath($id: ID!, $input: CollectionsPathInput!) {\n    updateCollectionsPath(id: $id, input: $input) {\n      id\n      isDefault\n      ...CollectionsPathForPathEditor\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PendingChargeForAccountCredits on PendingCharge {\n    id\n    description\n    amount\n    taxable\n    createdBy\n    createdAt\n  }\n"): (typeof documents)["\n  fragment PendingChargeForAccountCredits on PendingCharge {\n    id\n    description\n    amount\n    taxable\n    createdBy\n    createdAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CreditNoteForAccountCredits on CreditNote {\n    id\n    number\n    issueDate\n    reason\n    total\n    appliedToInvoice\n    invoice {\n      id\n      number\n    }\n  }\n"): (typeof documents)["\n  fragment CreditNoteForAccountCredits on CreditNote {\n    id\n    number\n    issueDate\n    reason\n    total\n    appliedToInvoice\n    invoice {\n      id\n      number\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AccountForAccountCredits on Account {\n    id\n    number\n    balance\n    unappliedCredit\n  }\n"): (typeof documents)["\n  fragment AccountForAccountCredits on Account {\n    id\n    number\n    balance\n    unappliedCredit\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountCredits($id: ID!) {\n    account(id: $id) {\n      id\n      ...AccountForAccountCredits\n      pendingCharges {\n        id\n        ...PendingChargeForAccountCredits\n      }\n      creditNotes(first: 50) {\n        totalCount\n        nodes {\n          id\n          ...CreditNoteForAccountCredits\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AccountCredits($id: ID!) {\n    account(id: $id) {\n      id\n      ...AccountForAccountCredits\n      pendingCharges {\n        id\n        ...PendingChargeForAccountCredits\n      }\n      creditNotes(first: 50) {\n        totalCount\n        nodes {\n          id\n          ...CreditNoteForAccountCredits\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemovePendingCharge($id: ID!) {\n    removePendingCharge(id: $id)\n  }\n"): (typeof documents)["\n  mutation RemovePendingCharge($id: ID!) {\n    removePendingCharge(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddCharge($input: AddChargeInput!) {\n    addCharge(input: $input) {\n      id\n      amount\n      ...PendingChargeForAccountCredits\n    }\n  }\n"): (typeof documents)["\n  mutation AddCharge($input: AddChargeInput!) {\n    addCharge(input: $input) {\n      id\n      amount\n      ...PendingChargeForAccountCredits\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment InvoiceForCreditInvoiceDialog on Invoice {\n    id\n    number\n    total\n    amountCredited\n    lines {\n      id\n      kind\n      description\n      amount\n    }\n    creditNotes {\n      id\n      lines {\n        amount\n        invoiceLine {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment InvoiceForCreditInvoiceDialog on Invoice {\n    id\n    number\n    total\n    amountCredited\n    lines {\n      id\n      kind\n      description\n      amount\n    }\n    creditNotes {\n      id\n      lines {\n        amount\n        invoiceLine {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreditInvoice($input: CreditInvoiceInput!) {\n    creditInvoice(input: $input) {\n      id\n      number\n      total\n      appliedToInvoice\n      invoice {\n        id\n        ...InvoiceForInvoiceHeader\n        amountPaid\n        amountDue\n        amountCredited\n        ...InvoiceForCreditInvoiceDialog\n        creditNotes {\n          id\n          ...CreditNoteForInvoiceCreditNotes\n        }\n      }\n      account {\n        id\n        balance\n        pastDue\n        ...AccountForAccountCredits\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreditInvoice($input: CreditInvoiceInput!) {\n    creditInvoice(input: $input) {\n      id\n      number\n      total\n      appliedToInvoice\n      invoice {\n        id\n        ...InvoiceForInvoiceHeader\n        amountPaid\n        amountDue\n        amountCredited\n        ...InvoiceForCreditInvoiceDialog\n        creditNotes {\n          id\n          ...CreditNoteForInvoiceCreditNotes\n        }\n      }\n      account {\n        id\n        balance\n        pastDue\n        ...AccountForAccountCredits\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CreditNoteForInvoiceCreditNotes on CreditNote {\n    id\n    number\n    issueDate\n    reason\n    createdBy\n    total\n    appliedToInvoice\n    document {\n      id\n      url\n    }\n    lines {\n      kind\n      description\n      amount\n      invoiceLine {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment CreditNoteForInvoiceCreditNotes on CreditNote {\n    id\n    number\n    issueDate\n    reason\n    createdBy\n    total\n    appliedToInvoice\n    document {\n      id\n      url\n    }\n    lines {\n      kind\n      description\n      amount\n      invoiceLine {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordRefund($input: RecordRefundInput!) {\n    recordRefund(input: $input) {\n      id\n      amount\n      account {\n        id\n        ...AccountForAccountCredits\n        ...AccountForAccountHeader\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RecordRefund($input: RecordRefundInput!) {\n    recordRefund(input: $input) {\n      id\n      amount\n      account {\n        id\n        ...AccountForAccountCredits\n        ...AccountForAccountHeader\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment KpisForDashboardPage on Kpis {\n    asOf\n    receivables\n    dso\n    heldInvoices\n    openExceptions\n    openWorkItems\n    overdueWorkItems\n    slaAttainment\n    aging {\n      current\n      days1to30\n      days31to60\n      days61to90\n      over90\n    }\n    monthly(months: 6) {\n      month\n      invoiced\n      collected\n      pastDue\n      dso\n    }\n    slaByQueue(months: 6) {\n      queueKey\n      month\n      attainment\n      resolved\n    }\n  }\n"): (typeof documents)["\n  fragment KpisForDashboardPage on Kpis {\n    asOf\n    receivables\n    dso\n    heldInvoices\n    openExceptions\n    openWorkItems\n    overdueWorkItems\n    slaAttainment\n    aging {\n      current\n      days1to30\n      days31to60\n      days61to90\n      over90\n    }\n    monthly(months: 6) {\n      month\n      invoiced\n      collected\n      pastDue\n      dso\n    }\n    slaByQueue(months: 6) {\n      queueKey\n      month\n      attainment\n      resolved\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Dashboard {\n    kpis {\n      ...KpisForDashboardPage\n    }\n  }\n"): (typeof documents)["\n  query Dashboard {\n    kpis {\n      ...KpisForDashboardPage\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment InvoiceForDispute on Invoice {\n    id\n    status\n    creditNotes {\n      id\n      number\n    }\n    dispute {\n      id\n      status\n      reason\n      openedBy\n      openedAt\n      resolution\n      resolvedAt\n      creditNote {\n        id\n        number\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment InvoiceForDispute on Invoice {\n    id\n    status\n    creditNotes {\n      id\n      number\n    }\n    dispute {\n      id\n      status\n      reason\n      openedBy\n      openedAt\n      resolution\n      resolvedAt\n      creditNote {\n        id\n        number\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OpenDispute($invoiceId: ID!, $reason: String!) {\n    openDispute(invoiceId: $invoiceId, reason: $reason) {\n      id\n      invoice {\n        id\n        ...InvoiceForDispute\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation OpenDispute($invoiceId: ID!, $reason: String!) {\n    openDispute(invoiceId: $invoiceId, reason: $reason) {\n      id\n      invoice {\n        id\n        ...InvoiceForDispute\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResolveDispute($id: ID!, $outcome: DisputeStatus!, $resolution: String!, $creditNoteId: ID) {\n    resolveDispute(id: $id, outcome: $outcome, resolution: $resolution, creditNoteId: $creditNoteId) {\n      id\n      invoice {\n        id\n        ...InvoiceForDispute\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ResolveDispute($id: ID!, $outcome: DisputeStatus!, $resolution: String!, $creditNoteId: ID) {\n    resolveDispute(id: $id, outcome: $outcome, resolution: $resolution, creditNoteId: $creditNoteId) {\n      id\n      invoice {\n        id\n        ...InvoiceForDispute\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangeMyPassword($currentPassword: String!, $newPassword: String!) {\n    changeMyPassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation ChangeMyPassword($currentPassword: String!, $newPassword: String!) {\n    changeMyPassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateProduct($input: CreateProductInput!) {\n    createProduct(input: $input) {\n      id\n      code\n      name\n      status\n      version\n    }\n  }\n"): (typeof documents)["\n  mutation CreateProduct($input: CreateProductInput!) {\n    createProduct(input: $input) {\n      id\n      code\n      name\n      status\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PublishProduct($id: ID!, $salesStart: Date) {\n    publishProduct(id: $id, salesStart: $salesStart) {\n      id\n      ...ProductForProductPage\n    }\n  }\n"): (typeof documents)["\n  mutation PublishProduct($id: ID!, $salesStart: Date) {\n    publishProduct(id: $id, salesStart: $salesStart) {\n      id\n      ...ProductForProductPage\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateProduct($id: ID!, $expectedVersion: Int!, $input: UpdateProductInput!) {\n    updateProduct(id: $id, expectedVersion: $expectedVersion, input: $input) {\n      id\n      ...ProductForProductPage\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateProduct($id: ID!, $expectedVersion: Int!, $input: UpdateProductInput!) {\n    updateProduct(id: $id, expectedVersion: $expectedVersion, input: $input) {\n      id\n      ...ProductForProductPage\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddRate($productId: ID!, $input: RateInput!) {\n    addRate(productId: $productId, input: $input) {\n      id\n      ...ProductForProductPage\n      ...ProductRatesForProductPage\n    }\n  }\n"): (typeof documents)["\n  mutation AddRate($productId: ID!, $input: RateInput!) {\n    addRate(productId: $productId, input: $input) {\n      id\n      ...ProductForProductPage\n      ...ProductRatesForProductPage\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddPromoCode($productId: ID!, $input: PromoCodeInput!) {\n    addPromoCode(productId: $productId, input: $input) {\n      id\n      ...ProductForProductPage\n      ...ProductPromoCodesForProductPage\n    }\n  }\n"): (typeof documents)["\n  mutation AddPromoCode($productId: ID!, $input: PromoCodeInput!) {\n    addPromoCode(productId: $productId, input: $input) {\n      id\n      ...ProductForProductPage\n      ...ProductPromoCodesForProductPage\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddIncentive($productId: ID!, $input: IncentiveInput!) {\n    addIncentive(productId: $productId, input: $input) {\n      id\n      ...ProductForProductPage\n      ...ProductIncentivesForProductPage\n    }\n  }\n"): (typeof documents)["\n  mutation AddIncentive($productId: ID!, $input: IncentiveInput!) {\n    addIncentive(productId: $productId, input: $input) {\n      id\n      ...ProductForProductPage\n      ...ProductIncentivesForProductPage\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetireProduct($id: ID!, $salesEnd: Date) {\n    retireProduct(id: $id, salesEnd: $salesEnd) {\n      id\n      ...ProductForProductPage\n    }\n  }\n"): (typeof documents)["\n  mutation RetireProduct($id: ID!, $salesEnd: Date) {\n    retireProduct(id: $id, salesEnd: $salesEnd) {\n      id\n      ...ProductForProductPage\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ProductRatesForProductPage on Product {\n    rates {\n      id\n      effectiveFrom\n      effectiveTo\n      unitPrice\n      tiers {\n        upTo\n        unitPrice\n      }\n      registerPrices {\n        register\n        unitPrice\n      }\n      billed\n    }\n  }\n"): (typeof documents)["\n  fragment ProductRatesForProductPage on Product {\n    rates {\n      id\n      effectiveFrom\n      effectiveTo\n      unitPrice\n      tiers {\n        upTo\n        unitPrice\n      }\n      registerPrices {\n        register\n        unitPrice\n      }\n      billed\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ProductPromoCodesForProductPage on Product {\n    promoCodes {\n      id\n      code\n      description\n      percentOff\n      amountOff\n      validFrom\n      validTo\n      maxRedemptions\n      redemptions\n      active\n    }\n  }\n"): (typeof documents)["\n  fragment ProductPromoCodesForProductPage on Product {\n    promoCodes {\n      id\n      code\n      description\n      percentOff\n      amountOff\n      validFrom\n      validTo\n      maxRedemptions\n      redemptions\n      active\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ProductIncentivesForProductPage on Product {\n    incentives {\n      id\n      kind\n      description\n      value\n    }\n  }\n"): (typeof documents)["\n  fragment ProductIncentivesForProductPage on Product {\n    incentives {\n      id\n      kind\n      description\n      value\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ProductForProductPage on Product {\n    id\n    code\n    name\n    description\n    unit\n    status\n    salesStart\n    salesEnd\n    termMonths\n    fixedCharge\n    version\n    createdAt\n    updatedAt\n  }\n"): (typeof documents)["\n  fragment ProductForProductPage on Product {\n    id\n    code\n    name\n    description\n    unit\n    status\n    salesStart\n    salesEnd\n    termMonths\n    fixedCharge\n    version\n    createdAt\n    updatedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProductDetail($id: ID!) {\n    product(id: $id) {\n      id\n      ...ProductForProductPage\n      ...ProductRatesForProductPage\n      ...ProductPromoCodesForProductPage\n      ...ProductIncentivesForProductPage\n    }\n  }\n"): (typeof documents)["\n  query ProductDetail($id: ID!) {\n    product(id: $id) {\n      id\n      ...ProductForProductPage\n      ...ProductRatesForProductPage\n      ...ProductPromoCodesForProductPage\n      ...ProductIncentivesForProductPage\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ProductForProductsPage on Product {\n    id\n    code\n    name\n    unit\n    status\n    salesStart\n    salesEnd\n    fixedCharge\n    version\n    updatedAt\n    rates {\n      id\n      effectiveFrom\n      effectiveTo\n      unitPrice\n    }\n    promoCodes {\n      id\n    }\n  }\n"): (typeof documents)["\n  fragment ProductForProductsPage on Product {\n    id\n    code\n    name\n    unit\n    status\n    salesStart\n    salesEnd\n    fixedCharge\n    version\n    updatedAt\n    rates {\n      id\n      effectiveFrom\n      effectiveTo\n      unitPrice\n    }\n    promoCodes {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProductList($status: ProductStatus) {\n    products(status: $status, first: 500) {\n      totalCount\n      nodes {\n        id\n        ...ProductForProductsPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query ProductList($status: ProductStatus) {\n    products(status: $status, first: 500) {\n      totalCount\n      nodes {\n        id\n        ...ProductForProductsPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateRate($id: ID!, $input: RateInput!, $expectedVersion: Int) {\n    updateRate(id: $id, input: $input, expectedVersion: $expectedVersion) {\n      id\n      ...ProductForProductPage\n      ...ProductRatesForProductPage\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateRate($id: ID!, $input: RateInput!, $expectedVersion: Int) {\n    updateRate(id: $id, input: $input, expectedVersion: $expectedVersion) {\n      id\n      ...ProductForProductPage\n      ...ProductRatesForProductPage\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveRate($id: ID!, $expectedVersion: Int) {\n    removeRate(id: $id, expectedVersion: $expectedVersion) {\n      id\n      ...ProductForProductPage\n      ...ProductRatesForProductPage\n    }\n  }\n"): (typeof documents)["\n  mutation RemoveRate($id: ID!, $expectedVersion: Int) {\n    removeRate(id: $id, expectedVersion: $expectedVersion) {\n      id\n      ...ProductForProductPage\n      ...ProductRatesForProductPage\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EndRate($id: ID!, $effectiveTo: Date!, $expectedVersion: Int) {\n    endRate(id: $id, effectiveTo: $effectiveTo, expectedVersion: $expectedVersion) {\n      id\n      ...ProductForProductPage\n      ...ProductRatesForProductPage\n    }\n  }\n"): (typeof documents)["\n  mutation EndRate($id: ID!, $effectiveTo: Date!, $expectedVersion: Int) {\n    endRate(id: $id, effectiveTo: $effectiveTo, expectedVersion: $expectedVersion) {\n      id\n      ...ProductForProductPage\n      ...ProductRatesForProductPage\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdatePromoCode($id: ID!, $input: PromoCodeInput!, $expectedVersion: Int) {\n    updatePromoCode(id: $id, input: $input, expectedVersion: $expectedVersion) {\n      id\n      ...ProductForProductPage\n      ...ProductPromoCodesForProductPage\n    }\n  }\n"): (typeof documents)["\n  mutation UpdatePromoCode($id: ID!, $input: PromoCodeInput!, $expectedVersion: Int) {\n    updatePromoCode(id: $id, input: $input, expectedVersion: $expectedVersion) {\n      id\n      ...ProductForProductPage\n      ...ProductPromoCodesForProductPage\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeactivatePromoCode($id: ID!, $expectedVersion: Int) {\n    deactivatePromoCode(id: $id, expectedVersion: $expectedVersion) {\n      id\n      ...ProductForProductPage\n      ...ProductPromoCodesForProductPage\n    }\n  }\n"): (typeof documents)["\n  mutation DeactivatePromoCode($id: ID!, $expectedVersion: Int) {\n    deactivatePromoCode(id: $id, expectedVersion: $expectedVersion) {\n      id\n      ...ProductForProductPage\n      ...ProductPromoCodesForProductPage\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveIncentive($id: ID!, $expectedVersion: Int) {\n    removeIncentive(id: $id, expectedVersion: $expectedVersion) {\n      id\n      ...ProductForProductPage\n      ...ProductIncentivesForProductPage\n    }\n  }\n"): (typeof documents)["\n  mutation RemoveIncentive($id: ID!, $expectedVersion: Int) {\n    removeIncentive(id: $id, expectedVersion: $expectedVersion) {\n      id\n      ...ProductForProductPage\n      ...ProductIncentivesForProductPage\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImportRemittances($channel: PaymentChannel!, $lines: [RemittanceLineInput!]!) {\n    importRemittances(channel: $channel, lines: $lines) {\n      matched\n      suspense\n      returned\n      duplicates\n      rejected {\n        index\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ImportRemittances($channel: PaymentChannel!, $lines: [RemittanceLineInput!]!) {\n    importRemittances(channel: $channel, lines: $lines) {\n      matched\n      suspense\n      returned\n      duplicates\n      rejected {\n        index\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SuspensePaymentForSuspensePayments on SuspensePayment {\n    id\n    reference\n    amount\n    receivedAt\n    channel\n    detail\n  }\n"): (typeof documents)["\n  fragment SuspensePaymentForSuspensePayments on SuspensePayment {\n    id\n    reference\n    amount\n    receivedAt\n    channel\n    detail\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SuspensePayments {\n    suspensePayments(status: OPEN) {\n      id\n      ...SuspensePaymentForSuspensePayments\n    }\n  }\n"): (typeof documents)["\n  query SuspensePayments {\n    suspensePayments(status: OPEN) {\n      id\n      ...SuspensePaymentForSuspensePayments\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApplySuspensePayment($id: ID!, $accountNumber: String!) {\n    applySuspensePayment(id: $id, accountNumber: $accountNumber) {\n      id\n      amount\n    }\n  }\n"): (typeof documents)["\n  mutation ApplySuspensePayment($id: ID!, $accountNumber: String!) {\n    applySuspensePayment(id: $id, accountNumber: $accountNumber) {\n      id\n      amount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BillingExceptionForBlockedAccounts on BillingException {\n    id\n    code\n    message\n    periodStart\n    periodEnd\n    createdAt\n    account {\n      id\n      number\n      name\n      enrollments {\n        id\n        startDate\n        endDate\n        product {\n          id\n          code\n          name\n        }\n      }\n    }\n    workItem {\n      id\n      status\n      queue {\n        id\n        key\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment BillingExceptionForBlockedAccounts on BillingException {\n    id\n    code\n    message\n    periodStart\n    periodEnd\n    createdAt\n    account {\n      id\n      number\n      name\n      enrollments {\n        id\n        startDate\n        endDate\n        product {\n          id\n          code\n          name\n        }\n      }\n    }\n    workItem {\n      id\n      status\n      queue {\n        id\n        key\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BlockedAccounts {\n    billingExceptions(status: OPEN, severity: CRITICAL, first: 200) {\n      totalCount\n      nodes {\n        id\n        ...BillingExceptionForBlockedAccounts\n      }\n    }\n  }\n"): (typeof documents)["\n  query BlockedAccounts {\n    billingExceptions(status: OPEN, severity: CRITICAL, first: 200) {\n      totalCount\n      nodes {\n        id\n        ...BillingExceptionForBlockedAccounts\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReleaseInvoice($id: ID!, $note: String) {\n    releaseInvoice(id: $id, note: $note) {\n      id\n      ...InvoiceForInvoiceHeader\n      issueDate\n      dueDate\n      amountDue\n      previewUrl\n      document {\n        id\n        url\n        pages\n      }\n      ...InvoiceForInvoiceExceptions\n    }\n  }\n"): (typeof documents)["\n  mutation ReleaseInvoice($id: ID!, $note: String) {\n    releaseInvoice(id: $id, note: $note) {\n      id\n      ...InvoiceForInvoiceHeader\n      issueDate\n      dueDate\n      amountDue\n      previewUrl\n      document {\n        id\n        url\n        pages\n      }\n      ...InvoiceForInvoiceExceptions\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VoidInvoice($id: ID!, $reason: String!, $cancelReads: Boolean) {\n    voidInvoice(id: $id, reason: $reason, cancelReads: $cancelReads) {\n      id\n      ...InvoiceForInvoiceHeader\n      voidReason\n      amountDue\n      previewUrl\n      ...InvoiceForInvoiceExceptions\n    }\n  }\n"): (typeof documents)["\n  mutation VoidInvoice($id: ID!, $reason: String!, $cancelReads: Boolean) {\n    voidInvoice(id: $id, reason: $reason, cancelReads: $cancelReads) {\n      id\n      ...InvoiceForInvoiceHeader\n      voidReason\n      amountDue\n      previewUrl\n      ...InvoiceForInvoiceExceptions\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment InvoiceForInvoiceExceptions on Invoice {\n    id\n    exceptions {\n      id\n      code\n      severity\n      status\n      message\n      resolvedAt\n      workItem {\n        id\n        status\n        queue {\n          id\n          key\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment InvoiceForInvoiceExceptions on Invoice {\n    id\n    exceptions {\n      id\n      code\n      severity\n      status\n      message\n      resolvedAt\n      workItem {\n        id\n        status\n        queue {\n          id\n          key\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment InvoiceForInvoiceHeader on Invoice {\n    id\n    number\n    status\n    periodStart\n    periodEnd\n    total\n    amountPaid\n    amountCredited\n    account {\n      id\n      number\n      name\n      segment\n    }\n  }\n"): (typeof documents)["\n  fragment InvoiceForInvoiceHeader on Invoice {\n    id\n    number\n    status\n    periodStart\n    periodEnd\n    total\n    amountPaid\n    amountCredited\n    account {\n      id\n      number\n      name\n      segment\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment InvoiceForInvoiceLines on Invoice {\n    id\n    total\n    lines {\n      id\n      kind\n      description\n      quantity\n      unitPrice\n      amount\n      periodStart\n      periodEnd\n      taxCode\n    }\n  }\n"): (typeof documents)["\n  fragment InvoiceForInvoiceLines on Invoice {\n    id\n    total\n    lines {\n      id\n      kind\n      description\n      quantity\n      unitPrice\n      amount\n      periodStart\n      periodEnd\n      taxCode\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InvoiceReview($id: ID!) {\n    invoice(id: $id) {\n      id\n      number\n      issueDate\n      dueDate\n      total\n      amountPaid\n      amountCredited\n      amountDue\n      voidReason\n      createdAt\n      previewUrl\n      ...InvoiceForDispute\n      document {\n        id\n        url\n        pages\n      }\n      creditNotes {\n        id\n        ...CreditNoteForInvoiceCreditNotes\n      }\n      billRun {\n        id\n        asOf\n      }\n      # The header, the credit dialog, the lines table, the exceptions and the usage history each declare what they show.\n      ...InvoiceForInvoiceHeader\n      ...InvoiceForCreditInvoiceDialog\n      ...InvoiceForInvoiceLines\n      ...InvoiceForInvoiceExceptions\n      ...InvoiceForUsageHistory\n      account {\n        id\n        status\n        balance\n        pastDue\n      }\n    }\n  }\n"): (typeof documents)["\n  query InvoiceReview($id: ID!) {\n    invoice(id: $id) {\n      id\n      number\n      issueDate\n      dueDate\n      total\n      amountPaid\n      amountCredited\n      amountDue\n      voidReason\n      createdAt\n      previewUrl\n      ...InvoiceForDispute\n      document {\n        id\n        url\n        pages\n      }\n      creditNotes {\n        id\n        ...CreditNoteForInvoiceCreditNotes\n      }\n      billRun {\n        id\n        asOf\n      }\n      # The header, the credit dialog, the lines table, the exceptions and the usage history each declare what they show.\n      ...InvoiceForInvoiceHeader\n      ...InvoiceForCreditInvoiceDialog\n      ...InvoiceForInvoiceLines\n      ...InvoiceForInvoiceExceptions\n      ...InvoiceForUsageHistory\n      account {\n        id\n        status\n        balance\n        pastDue\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment InvoiceForReviewPage on Invoice {\n    id\n    number\n    periodStart\n    periodEnd\n    total\n    createdAt\n    account {\n      id\n      number\n      name\n      segment\n    }\n    exceptions {\n      id\n      code\n      status\n    }\n  }\n"): (typeof documents)["\n  fragment InvoiceForReviewPage on Invoice {\n    id\n    number\n    periodStart\n    periodEnd\n    total\n    createdAt\n    account {\n      id\n      number\n      name\n      segment\n    }\n    exceptions {\n      id\n      code\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HeldInvoices {\n    invoices(status: HELD, first: 200) {\n      totalCount\n      nodes {\n        id\n        ...InvoiceForReviewPage\n      }\n    }\n    blocked: billingExceptions(status: OPEN, severity: CRITICAL, first: 1) {\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query HeldInvoices {\n    invoices(status: HELD, first: 200) {\n      totalCount\n      nodes {\n        id\n        ...InvoiceForReviewPage\n      }\n    }\n    blocked: billingExceptions(status: OPEN, severity: CRITICAL, first: 1) {\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment InvoiceUsageForUsageHistory on Invoice {\n    id\n    number\n    status\n    periodStart\n    periodEnd\n    total\n    lines {\n      kind\n      quantity\n    }\n  }\n"): (typeof documents)["\n  fragment InvoiceUsageForUsageHistory on Invoice {\n    id\n    number\n    status\n    periodStart\n    periodEnd\n    total\n    lines {\n      kind\n      quantity\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment InvoiceForUsageHistory on Invoice {\n    id\n    ...InvoiceUsageForUsageHistory\n    account {\n      id\n      invoices(first: 13) {\n        nodes {\n          id\n          ...InvoiceUsageForUsageHistory\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment InvoiceForUsageHistory on Invoice {\n    id\n    ...InvoiceUsageForUsageHistory\n    account {\n      id\n      invoices(first: 13) {\n        nodes {\n          id\n          ...InvoiceUsageForUsageHistory\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RunBilling($asOf: Date!) {\n    runBilling(asOf: $asOf, wait: false) {\n      id\n      ...BillRunForRunProgress\n    }\n  }\n"): (typeof documents)["\n  mutation RunBilling($asOf: Date!) {\n    runBilling(asOf: $asOf, wait: false) {\n      id\n      ...BillRunForRunProgress\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BillRunForRunProgress on BillRun {\n    id\n    asOf\n    status\n    accountsConsidered\n    accountsProcessed\n    invoicesIssued\n    invoicesHeld\n    accountsBlocked\n    accountsFailed\n    startedAt\n    finishedAt\n  }\n"): (typeof documents)["\n  fragment BillRunForRunProgress on BillRun {\n    id\n    asOf\n    status\n    accountsConsidered\n    accountsProcessed\n    invoicesIssued\n    invoicesHeld\n    accountsBlocked\n    accountsFailed\n    startedAt\n    finishedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription BillRunProgress($id: ID!) {\n    billRunProgress(id: $id) {\n      id\n      ...BillRunForRunProgress\n    }\n  }\n"): (typeof documents)["\n  subscription BillRunProgress($id: ID!) {\n    billRunProgress(id: $id) {\n      id\n      ...BillRunForRunProgress\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RunCollections($asOf: Date!) {\n    runCollections(asOf: $asOf, wait: false) {\n      id\n      ...CollectionsRunForRunProgress\n    }\n  }\n"): (typeof documents)["\n  mutation RunCollections($asOf: Date!) {\n    runCollections(asOf: $asOf, wait: false) {\n      id\n      ...CollectionsRunForRunProgress\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CollectionsRunForRunProgress on CollectionsRun {\n    id\n    asOf\n    status\n    accountsEvaluated\n    accountsFailed\n    actionsTaken\n    startedAt\n    finishedAt\n  }\n"): (typeof documents)["\n  fragment CollectionsRunForRunProgress on CollectionsRun {\n    id\n    asOf\n    status\n    accountsEvaluated\n    accountsFailed\n    actionsTaken\n    startedAt\n    finishedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CollectionsRunStatus($id: ID!) {\n    collectionsRun(id: $id) {\n      id\n      ...CollectionsRunForRunProgress\n    }\n  }\n"): (typeof documents)["\n  query CollectionsRunStatus($id: ID!) {\n    collectionsRun(id: $id) {\n      id\n      ...CollectionsRunForRunProgress\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RunPreviewForPreviewPanel on RunPreview {\n    kind\n    asOf\n    accounts\n    counts {\n      key\n      count\n      amount\n    }\n    samples {\n      outcome\n      amount\n      detail\n      account {\n        id\n        number\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment RunPreviewForPreviewPanel on RunPreview {\n    kind\n    asOf\n    accounts\n    counts {\n      key\n      count\n      amount\n    }\n    samples {\n      outcome\n      amount\n      detail\n      account {\n        id\n        number\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PreviewBilling($asOf: Date!) {\n    previewBilling(asOf: $asOf) {\n      ...RunPreviewForPreviewPanel\n    }\n  }\n"): (typeof documents)["\n  query PreviewBilling($asOf: Date!) {\n    previewBilling(asOf: $asOf) {\n      ...RunPreviewForPreviewPanel\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PreviewCollections($asOf: Date!) {\n    previewCollections(asOf: $asOf) {\n      ...RunPreviewForPreviewPanel\n    }\n  }\n"): (typeof documents)["\n  query PreviewCollections($asOf: Date!) {\n    previewCollections(asOf: $asOf) {\n      ...RunPreviewForPreviewPanel\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RunScheduleForScheduleForm on RunSchedule {\n    kind\n    enabled\n    timeOfDay\n    lastRunDate\n  }\n"): (typeof documents)["\n  fragment RunScheduleForScheduleForm on RunSchedule {\n    kind\n    enabled\n    timeOfDay\n    lastRunDate\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RunSchedules {\n    runSchedules {\n      kind\n      ...RunScheduleForScheduleForm\n    }\n  }\n"): (typeof documents)["\n  query RunSchedules {\n    runSchedules {\n      kind\n      ...RunScheduleForScheduleForm\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetRunSchedule($kind: RunKind!, $enabled: Boolean!, $timeOfDay: String!) {\n    setRunSchedule(kind: $kind, enabled: $enabled, timeOfDay: $timeOfDay) {\n      kind\n      ...RunScheduleForScheduleForm\n    }\n  }\n"): (typeof documents)["\n  mutation SetRunSchedule($kind: RunKind!, $enabled: Boolean!, $timeOfDay: String!) {\n    setRunSchedule(kind: $kind, enabled: $enabled, timeOfDay: $timeOfDay) {\n      kind\n      ...RunScheduleForScheduleForm\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BillRunForBillRunsTable on BillRun {\n    id\n    asOf\n    status\n    startedBy\n    startedAt\n    invoicesIssued\n    invoicesHeld\n    accountsBlocked\n    accountsFailed\n  }\n"): (typeof documents)["\n  fragment BillRunForBillRunsTable on BillRun {\n    id\n    asOf\n    status\n    startedBy\n    startedAt\n    invoicesIssued\n    invoicesHeld\n    accountsBlocked\n    accountsFailed\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CollectionsRunForCollectionsRunsTable on CollectionsRun {\n    id\n    asOf\n    status\n    startedBy\n    startedAt\n    accountsEvaluated\n    actionsTaken\n    accountsFailed\n  }\n"): (typeof documents)["\n  fragment CollectionsRunForCollectionsRunsTable on CollectionsRun {\n    id\n    asOf\n    status\n    startedBy\n    startedAt\n    accountsEvaluated\n    actionsTaken\n    accountsFailed\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BillRunsList($first: Int) {\n    billRuns(first: $first) {\n      totalCount\n      pageInfo {\n        hasNextPage\n      }\n      nodes {\n        id\n        ...BillRunForBillRunsTable\n      }\n    }\n  }\n"): (typeof documents)["\n  query BillRunsList($first: Int) {\n    billRuns(first: $first) {\n      totalCount\n      pageInfo {\n        hasNextPage\n      }\n      nodes {\n        id\n        ...BillRunForBillRunsTable\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CollectionsRunsList($first: Int) {\n    collectionsRuns(first: $first) {\n      totalCount\n      pageInfo {\n        hasNextPage\n      }\n      nodes {\n        id\n        ...CollectionsRunForCollectionsRunsTable\n      }\n    }\n  }\n"): (typeof documents)["\n  query CollectionsRunsList($first: Int) {\n    collectionsRuns(first: $first) {\n      totalCount\n      pageInfo {\n        hasNextPage\n      }\n      nodes {\n        id\n        ...CollectionsRunForCollectionsRunsTable\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SearchHitForSearchBox on SearchHit {\n    kind\n    id\n    accountId\n    invoiceId\n    title\n    detail\n  }\n"): (typeof documents)["\n  fragment SearchHitForSearchBox on SearchHit {\n    kind\n    id\n    accountId\n    invoiceId\n    title\n    detail\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GlobalSearch($text: String!) {\n    search(text: $text) {\n      ...SearchHitForSearchBox\n    }\n  }\n"): (typeof documents)["\n  query GlobalSearch($text: String!) {\n    search(text: $text) {\n      ...SearchHitForSearchBox\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WebhookEndpointForList on WebhookEndpoint {\n    id\n    url\n    description\n    eventTypes\n    status\n    disabledReason\n    disabledAt\n    cursor\n    eventsBehind\n    createdAt\n    apiKey {\n      id\n      name\n      role\n    }\n    deliveries(first: 10) {\n      totalCount\n      nodes {\n        id\n        eventId\n        attempt\n        succeeded\n        statusCode\n        error\n        durationMs\n        at\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment WebhookEndpointForList on WebhookEndpoint {\n    id\n    url\n    description\n    eventTypes\n    status\n    disabledReason\n    disabledAt\n    cursor\n    eventsBehind\n    createdAt\n    apiKey {\n      id\n      name\n      role\n    }\n    deliveries(first: 10) {\n      totalCount\n      nodes {\n        id\n        eventId\n        attempt\n        succeeded\n        statusCode\n        error\n        durationMs\n        at\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhookEndpoints {\n    webhookEndpoints {\n      ...WebhookEndpointForList\n    }\n    apiKeys {\n      id\n      name\n      role\n      revokedAt\n    }\n  }\n"): (typeof documents)["\n  query WebhookEndpoints {\n    webhookEndpoints {\n      ...WebhookEndpointForList\n    }\n    apiKeys {\n      id\n      name\n      role\n      revokedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      secret\n      endpoint {\n        ...WebhookEndpointForList\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      secret\n      endpoint {\n        ...WebhookEndpointForList\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EnableWebhookEndpoint($id: ID!) {\n    enableWebhookEndpoint(id: $id) {\n      ...WebhookEndpointForList\n    }\n  }\n"): (typeof documents)["\n  mutation EnableWebhookEndpoint($id: ID!) {\n    enableWebhookEndpoint(id: $id) {\n      ...WebhookEndpointForList\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DisableWebhookEndpoint($id: ID!) {\n    disableWebhookEndpoint(id: $id) {\n      ...WebhookEndpointForList\n    }\n  }\n"): (typeof documents)["\n  mutation DisableWebhookEndpoint($id: ID!) {\n    disableWebhookEndpoint(id: $id) {\n      ...WebhookEndpointForList\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteWebhookEndpoint($id: ID!) {\n    deleteWebhookEndpoint(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteWebhookEndpoint($id: ID!) {\n    deleteWebhookEndpoint(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RotateWebhookSecret($id: ID!) {\n    rotateWebhookSecret(id: $id) {\n      secret\n      endpoint {\n        ...WebhookEndpointForList\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RotateWebhookSecret($id: ID!) {\n    rotateWebhookSecret(id: $id) {\n      secret\n      endpoint {\n        ...WebhookEndpointForList\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReplayWebhookEndpoint($id: ID!, $after: ID!) {\n    replayWebhookEndpoint(id: $id, after: $after) {\n      ...WebhookEndpointForList\n    }\n  }\n"): (typeof documents)["\n  mutation ReplayWebhookEndpoint($id: ID!, $after: ID!) {\n    replayWebhookEndpoint(id: $id, after: $after) {\n      ...WebhookEndpointForList\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendTestWebhook($id: ID!) {\n    sendTestWebhook(id: $id) {\n      messageId\n      succeeded\n      statusCode\n      error\n      durationMs\n    }\n  }\n"): (typeof documents)["\n  mutation SendTestWebhook($id: ID!) {\n    sendTestWebhook(id: $id) {\n      messageId\n      succeeded\n      statusCode\n      error\n      durationMs\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WorkItemForItemRow on WorkItem {\n    id\n    title\n    kind\n    priority\n    status\n    createdAt\n    dueAt\n    resolvedAt\n    assignee {\n      id\n      displayName\n    }\n    account {\n      id\n      number\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment WorkItemForItemRow on WorkItem {\n    id\n    title\n    kind\n    priority\n    status\n    createdAt\n    dueAt\n    resolvedAt\n    assignee {\n      id\n      displayName\n    }\n    account {\n      id\n      number\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfirmMarketDropFromWorkItem($accountId: ID!) {\n    confirmMarketDrop(accountId: $accountId) {\n      id\n      ...AccountForAccountHeader\n    }\n  }\n"): (typeof documents)["\n  mutation ConfirmMarketDropFromWorkItem($accountId: ID!) {\n    confirmMarketDrop(accountId: $accountId) {\n      id\n      ...AccountForAccountHeader\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelMarketDropFromWorkItem($accountId: ID!, $reason: String!) {\n    cancelMarketDrop(accountId: $accountId, reason: $reason) {\n      id\n      ...AccountForAccountHeader\n    }\n  }\n"): (typeof documents)["\n  mutation CancelMarketDropFromWorkItem($accountId: ID!, $reason: String!) {\n    cancelMarketDrop(accountId: $accountId, reason: $reason) {\n      id\n      ...AccountForAccountHeader\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MarketDropProtections($id: ID!) {\n    account(id: $id) {\n      id\n      protections {\n        code\n        until\n        note\n      }\n    }\n  }\n"): (typeof documents)["\n  query MarketDropProtections($id: ID!) {\n    account(id: $id) {\n      id\n      protections {\n        code\n        until\n        note\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DecideProtectedStep($workItemId: ID!, $take: Boolean!, $reason: String!) {\n    decideProtectedStep(workItemId: $workItemId, take: $take, reason: $reason) {\n      id\n      ...WorkItemForWorkItemPanel\n    }\n  }\n"): (typeof documents)["\n  mutation DecideProtectedStep($workItemId: ID!, $take: Boolean!, $reason: String!) {\n    decideProtectedStep(workItemId: $workItemId, take: $take, reason: $reason) {\n      id\n      ...WorkItemForWorkItemPanel\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WorkQueueForQueuePage on WorkQueue {\n    id\n    key\n    name\n    slaMinutes\n    openCount\n    overdueCount\n  }\n"): (typeof documents)["\n  fragment WorkQueueForQueuePage on WorkQueue {\n    id\n    key\n    name\n    slaMinutes\n    openCount\n    overdueCount\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query QueueItems(\n    $key: String!\n    $status: WorkItemStatus\n    $assigneeId: ID\n    $search: String\n    $first: Int!\n    $after: String\n    $withInProgress: Boolean!\n  ) {\n    workQueue(key: $key) {\n      id\n      ...WorkQueueForQueuePage\n    }\n    inProgress: workItems(queueKey: $key, status: IN_PROGRESS, assigneeId: $assigneeId, search: $search, first: 200)\n      @include(if: $withInProgress) {\n      totalCount\n      nodes {\n        id\n        ...WorkItemForItemRow\n      }\n    }\n    items: workItems(queueKey: $key, status: $status, assigneeId: $assigneeId, search: $search, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      nodes {\n        id\n        ...WorkItemForItemRow\n      }\n    }\n  }\n"): (typeof documents)["\n  query QueueItems(\n    $key: String!\n    $status: WorkItemStatus\n    $assigneeId: ID\n    $search: String\n    $first: Int!\n    $after: String\n    $withInProgress: Boolean!\n  ) {\n    workQueue(key: $key) {\n      id\n      ...WorkQueueForQueuePage\n    }\n    inProgress: workItems(queueKey: $key, status: IN_PROGRESS, assigneeId: $assigneeId, search: $search, first: 200)\n      @include(if: $withInProgress) {\n      totalCount\n      nodes {\n        id\n        ...WorkItemForItemRow\n      }\n    }\n    items: workItems(queueKey: $key, status: $status, assigneeId: $assigneeId, search: $search, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      nodes {\n        id\n        ...WorkItemForItemRow\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription WorkItemChanged($queueKey: String) {\n    workItemChanged(queueKey: $queueKey) {\n      id\n      ...WorkItemForItemRow\n    }\n  }\n"): (typeof documents)["\n  subscription WorkItemChanged($queueKey: String) {\n    workItemChanged(queueKey: $queueKey) {\n      id\n      ...WorkItemForItemRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WorkQueueForQueuesPage on WorkQueue {\n    id\n    key\n    name\n    slaMinutes\n    openCount\n    overdueCount\n  }\n"): (typeof documents)["\n  fragment WorkQueueForQueuesPage on WorkQueue {\n    id\n    key\n    name\n    slaMinutes\n    openCount\n    overdueCount\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkQueues {\n    workQueues {\n      id\n      ...WorkQueueForQueuesPage\n    }\n  }\n"): (typeof documents)["\n  query WorkQueues {\n    workQueues {\n      id\n      ...WorkQueueForQueuesPage\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WorkItemForWorkItemPanel on WorkItem {\n    id\n    title\n    kind\n    priority\n    status\n    createdAt\n    dueAt\n    resolvedAt\n    resolution\n    queue {\n      id\n      key\n      name\n      ...WorkQueueForQueuePage\n    }\n    assignee {\n      id\n      displayName\n    }\n    account {\n      id\n      number\n      name\n      balance\n      pastDue\n      status\n      enrollments {\n        id\n        product {\n          id\n          code\n          name\n        }\n      }\n    }\n    invoice {\n      id\n      number\n      status\n      total\n    }\n    exception {\n      id\n      code\n      severity\n      message\n      status\n      periodStart\n      periodEnd\n    }\n    notes {\n      author\n      text\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  fragment WorkItemForWorkItemPanel on WorkItem {\n    id\n    title\n    kind\n    priority\n    status\n    createdAt\n    dueAt\n    resolvedAt\n    resolution\n    queue {\n      id\n      key\n      name\n      ...WorkQueueForQueuePage\n    }\n    assignee {\n      id\n      displayName\n    }\n    account {\n      id\n      number\n      name\n      balance\n      pastDue\n      status\n      enrollments {\n        id\n        product {\n          id\n          code\n          name\n        }\n      }\n    }\n    invoice {\n      id\n      number\n      status\n      total\n    }\n    exception {\n      id\n      code\n      severity\n      message\n      status\n      periodStart\n      periodEnd\n    }\n    notes {\n      author\n      text\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkItemDetail($id: ID!) {\n    workItem(id: $id) {\n      id\n      ...WorkItemForWorkItemPanel\n    }\n  }\n"): (typeof documents)["\n  query WorkItemDetail($id: ID!) {\n    workItem(id: $id) {\n      id\n      ...WorkItemForWorkItemPanel\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ClaimWorkItem($id: ID!) {\n    claimWorkItem(id: $id) {\n      id\n      ...WorkItemForWorkItemPanel\n    }\n  }\n"): (typeof documents)["\n  mutation ClaimWorkItem($id: ID!) {\n    claimWorkItem(id: $id) {\n      id\n      ...WorkItemForWorkItemPanel\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddWorkItemNote($id: ID!, $text: String!) {\n    addWorkItemNote(id: $id, text: $text) {\n      id\n      ...WorkItemForWorkItemPanel\n    }\n  }\n"): (typeof documents)["\n  mutation AddWorkItemNote($id: ID!, $text: String!) {\n    addWorkItemNote(id: $id, text: $text) {\n      id\n      ...WorkItemForWorkItemPanel\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResolveWorkItem($id: ID!, $resolution: String!) {\n    resolveWorkItem(id: $id, resolution: $resolution) {\n      id\n      ...WorkItemForWorkItemPanel\n    }\n  }\n"): (typeof documents)["\n  mutation ResolveWorkItem($id: ID!, $resolution: String!) {\n    resolveWorkItem(id: $id, resolution: $resolution) {\n      id\n      ...WorkItemForWorkItemPanel\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReassignWorkItem($id: ID!, $userId: ID!) {\n    reassignWorkItem(id: $id, userId: $userId) {\n      id\n      ...WorkItemForWorkItemPanel\n    }\n  }\n"): (typeof documents)["\n  mutation ReassignWorkItem($id: ID!, $userId: ID!) {\n    reassignWorkItem(id: $id, userId: $userId) {\n      id\n      ...WorkItemForWorkItemPanel\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UserForReassignControl on User {\n    id\n    username\n    displayName\n    role\n    active\n  }\n"): (typeof documents)["\n  fragment UserForReassignControl on User {\n    id\n    username\n    displayName\n    role\n    active\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AssignableUsers {\n    users {\n      id\n      ...UserForReassignControl\n    }\n  }\n"): (typeof documents)["\n  query AssignableUsers {\n    users {\n      id\n      ...UserForReassignControl\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;