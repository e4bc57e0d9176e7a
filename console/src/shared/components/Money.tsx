import { formatMoney } from '../money';

/** An amount exactly as the API gave it, grouped and signed for reading. */
export function Money({ value, className }: { value: string | null | undefined; className?: string }) {
  const negative = typeof value === 'string' && value.startsWith('-') && !/^-0*(\.0*)?$/.test(value);
  return <span className={`money${negative ? ' money-negative' : ''}${className ? ` ${className}` : ''}`}>{formatMoney(value)}</span>;
}
