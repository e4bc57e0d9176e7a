/** What a timeline entry is about; the order here breaks ties between entries of the same moment. */
export enum TimelineKind {
  INVOICE = 'INVOICE',
  PAYMENT = 'PAYMENT',
  CREDIT_NOTE = 'CREDIT_NOTE',
  REFUND = 'REFUND',
  USAGE_READ = 'USAGE_READ',
  COLLECTIONS_ACTION = 'COLLECTIONS_ACTION',
  WORK_NOTE = 'WORK_NOTE',
  DISPUTE = 'DISPUTE',
}
