import type { Database } from '../../db/database';
import { Account } from '../accounts/account.entity';
import { Invoice } from '../billing/billing.entity';
import { invoiceNumber } from '../billing/invoice-number';
import { CreditNote } from '../credits/credit-note.entity';
import { creditNoteNumber } from '../credits/credit-note-number';
import { escapeLike, parseSearch } from './search-text';
import { type SearchHit, SearchHitKind } from './search.types';

export const SEARCH_LIMIT = 20;

/** One search over accounts (number, name, email), invoice numbers and credit note numbers. */
export class SearchService {
  constructor(private readonly db: Database) {}

  async search(raw: string, limit = SEARCH_LIMIT): Promise<SearchHit[]> {
    const term = parseSearch(raw);
    if (term.kind === 'NONE') return [];
    if (term.kind !== 'TEXT') return term.kind === 'INVOICE' ? this.invoice(term.id) : this.creditNote(term.id);
    const like = `%${escapeLike(term.text)}%`;
    const accounts = await this.db.manager
      .getRepository(Account)
      .createQueryBuilder('a')
      // An exact account number first, then the rest in the order they were created.
      .where("(LOWER(a.number) LIKE :lower ESCAPE '!' OR LOWER(a.name) LIKE :lower ESCAPE '!' OR LOWER(a.email) LIKE :lower ESCAPE '!')", {
        lower: like.toLowerCase(),
      })
      .orderBy('CASE WHEN a.number = :exact THEN 0 ELSE 1 END', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .setParameter('exact', term.text)
      .limit(limit)
      .getMany();
    return accounts.map((a) => ({
      kind: SearchHitKind.ACCOUNT,
      id: a.id,
      accountId: a.id,
      invoiceId: null,
      title: `${a.number} · ${a.name}`,
      detail: a.email ?? '',
    }));
  }

  private async invoice(id: string): Promise<SearchHit[]> {
    const invoice = await this.db.manager.getRepository(Invoice).findOneBy({ id });
    if (!invoice) return [];
    const account = await this.db.manager.getRepository(Account).findOneByOrFail({ id: invoice.accountId });
    return [
      {
        kind: SearchHitKind.INVOICE,
        id: invoice.id,
        accountId: account.id,
        invoiceId: invoice.id,
        title: invoiceNumber(invoice.id),
        detail: `${account.number} · ${account.name}`,
      },
    ];
  }

  private async creditNote(id: string): Promise<SearchHit[]> {
    const note = await this.db.manager.getRepository(CreditNote).findOneBy({ id });
    if (!note) return [];
    const account = await this.db.manager.getRepository(Account).findOneByOrFail({ id: note.accountId });
    return [
      {
        kind: SearchHitKind.CREDIT_NOTE,
        id: note.id,
        accountId: account.id,
        invoiceId: note.invoiceId,
        title: creditNoteNumber(note.id),
        detail: `${account.number} · ${account.name}`,
      },
    ];
  }
}
