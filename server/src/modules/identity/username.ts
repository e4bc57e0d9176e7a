/** Characters that show as nothing: zero-width spaces and joiners, the word joiner, BOM, soft hyphen, fillers... */
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;

/** Longest input worth normalising: a username is at most 64 characters, even padded with invisible ones. */
const MAX_RAW = 1024;

/**
 * The one spelling of a username, used to store it, to look it up and to
 * throttle sign-ins: NFKC (full-width `ａｄｍｉｎ` is `admin`, ligatures are their
 * letters), invisible characters removed (`ad\u200Bmin` is `admin`), case
 * folded (`Admin`, `ADMIN`), spaces around it trimmed. So no two users can
 * differ only by a look-alike spelling, and every spelling of a name signs in
 * as, and is throttled as, the same user. Accents are kept: `ädmin` is another
 * name, and not one a user may have (usernames are letters, digits and
 * `_.@-`).
 */
export function normalizeUsername(raw: string): string {
  return raw.slice(0, MAX_RAW).normalize('NFKC').replace(INVISIBLE, '').toUpperCase().toLowerCase().normalize('NFKC').trim();
}
