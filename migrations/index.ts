import { Platform1763800000000 } from './1763800000000-Platform';
import { Catalog1763800001000 } from './1763800001000-Catalog';
import { Accounts1763800002000 } from './1763800002000-Accounts';
import { WorkQueues1763800003000 } from './1763800003000-WorkQueues';
import { Billing1763800004000 } from './1763800004000-Billing';
import { Payments1763800005000 } from './1763800005000-Payments';
import { Collections1763800006000 } from './1763800006000-Collections';
import { BillRunChunks1763800007000 } from './1763800007000-BillRunChunks';
import { BinaryIdentifiers1796500003000 } from './1796500003000-BinaryIdentifiers';
import { NormalizedUsernames1796500003100 } from './1796500003100-NormalizedUsernames';
import { PendingCharges1796500500000 } from './1796500500000-PendingCharges';
import { Webhooks1796501000000 } from './1796501000000-Webhooks';
import { SalesAnnouncements1796501001000 } from './1796501001000-SalesAnnouncements';
import { CatalogEdits1796501500000 } from './1796501500000-CatalogEdits';
import { CollectionsPathSegments1796501500100 } from './1796501500100-CollectionsPathSegments';
import { CollectionsControls1796502700000 } from './1796502700000-CollectionsControls';
import { CreditNotes1796502000000 } from './1796502000000-CreditNotes';
import { AccountImports1796502600000 } from './1796502600000-AccountImports';
import { Taxes1796502200000 } from './1796502200000-Taxes';
import { UsageReadCorrections1796502100000 } from './1796502100000-UsageReadCorrections';
import { Runs1796502400000 } from './1796502400000-Runs';
import { UserAccess1796502500000 } from './1796502500000-UserAccess';
import { Documents1796502300000 } from './1796502300000-Documents';
import { DocumentDeliveries1796503000000 } from './1796503000000-DocumentDeliveries';
import { AccountDelivery1796502300100 } from './1796502300100-AccountDelivery';
import { Remittances1796503200000 } from './1796503200000-Remittances';
import { Disputes1796503100000 } from './1796503100000-Disputes';
import { RateStructures1796503300000 } from './1796503300000-RateStructures';
import { CollectionsRunChunks1796600000000 } from './1796600000000-CollectionsRunChunks';
import { CollectionsActionFigures1796600100000 } from './1796600100000-CollectionsActionFigures';
import { DefaultPathNotice1796600200000 } from './1796600200000-DefaultPathNotice';
import { CollectionsActionTakenBy1796600300000 } from './1796600300000-CollectionsActionTakenBy';

/** Every migration, in order. The schema comes only from these; synchronize stays off. */
export const migrations: Function[] = [
  Platform1763800000000,
  Catalog1763800001000,
  Accounts1763800002000,
  WorkQueues1763800003000,
  Billing1763800004000,
  Payments1763800005000,
  Collections1763800006000,
  BillRunChunks1763800007000,
  BinaryIdentifiers1796500003000,
  NormalizedUsernames1796500003100,
  PendingCharges1796500500000,
  Webhooks1796501000000,
  SalesAnnouncements1796501001000,
  CatalogEdits1796501500000,
  CollectionsPathSegments1796501500100,
  CollectionsControls1796502700000,
  CreditNotes1796502000000,
  AccountImports1796502600000,
  Taxes1796502200000,
  UsageReadCorrections1796502100000,
  Runs1796502400000,
  UserAccess1796502500000,
  Documents1796502300000,
  AccountDelivery1796502300100,
  Remittances1796503200000,
  Disputes1796503100000,
  DocumentDeliveries1796503000000,
  RateStructures1796503300000,
  CollectionsRunChunks1796600000000,
  CollectionsActionFigures1796600100000,
  DefaultPathNotice1796600200000,
  CollectionsActionTakenBy1796600300000,
];
