import { DateUtils } from 'typeorm/util/DateUtils';

/** A Date as the embedded database stores datetimes (for raw SQL comparing with its stored text). */
export function utc(date: Date): string {
  return DateUtils.mixedDateToUtcDatetimeString(date) as string;
}

/** A Date as a raw SQL parameter for the dialect: the driver binds it on MySQL, the stored text on the embedded database. */
export function timeParam(dialect: 'mysql' | 'sqlite', date: Date): Date | string {
  return dialect === 'sqlite' ? utc(date) : date;
}
