// Amounts are kept in USD micro-units (BigInt, never floats). Another currency is shown at the rate an
// owner set (currency_rates: units per USD in millionths), converted in integers and rounded half up to
// the currency's smallest shown unit only when formatted.

export const CURRENCIES = ["USD", "JPY", "EUR"] as const;
export type Currency = (typeof CURRENCIES)[number];

/** Decimals each currency is shown with (ISO 4217 minor units: the yen has none). */
export const CURRENCY_DECIMALS: Record<Currency, number> = { USD: 2, JPY: 0, EUR: 2 };

const MILLION = 1_000_000n;

/** USD micro-units to micro-units of a currency at `perUsdMillionths` (units per USD × 10⁶), rounded half away from zero. */
export function convertMicros(usdMicros: bigint, perUsdMillionths: bigint): bigint {
  const product = usdMicros * perUsdMillionths;
  const half = MILLION / 2n;
  return product >= 0n ? (product + half) / MILLION : -((-product + half) / MILLION);
}

/** Micro-units rounded half away from zero to `decimals`, as a plain decimal string ("1234.57"). */
export function microsToDecimal(micros: bigint, decimals: number): string {
  const step = 10n ** BigInt(6 - decimals);
  const negative = micros < 0n;
  const abs = negative ? -micros : micros;
  const rounded = (abs + step / 2n) / step;
  const scale = 10n ** BigInt(decimals);
  const whole = rounded / scale;
  const frac = decimals ? `.${(rounded % scale).toString().padStart(decimals, "0")}` : "";
  return `${negative && rounded !== 0n ? "-" : ""}${whole}${frac}`;
}

/** A rate as the owner types it ("155.25") to millionths; null when it is not a positive decimal with at most six places. */
export function parseRate(text: string): bigint | null {
  const match = /^(\d{1,9})(?:\.(\d{1,6}))?$/.exec(text.trim());
  if (!match) return null;
  const value = BigInt(match[1]!) * MILLION + BigInt((match[2] ?? "").padEnd(6, "0"));
  return value > 0n ? value : null;
}

/** A USD amount as the owner types it ("25" or "25.50") to micro-units; null unless a non-negative decimal with at most six places. */
export function parseUsd(text: string): bigint | null {
  const match = /^(\d{1,12})(?:\.(\d{1,6}))?$/.exec(text.trim());
  if (!match) return null;
  return BigInt(match[1]!) * MILLION + BigInt((match[2] ?? "").padEnd(6, "0"));
}

export interface Money {
  currency: Currency;
  /** Units of the currency per USD, in millionths; 1000000 for USD. */
  perUsdMillionths: bigint;
}

export const USD: Money = { currency: "USD", perUsdMillionths: MILLION };

/** An amount in USD micro-units shown in `money`'s currency: "$12.35", "¥1,912", "€11.40". */
export function formatMoney(usdMicros: bigint, money: Money): string {
  const micros = money.currency === "USD" ? usdMicros : convertMicros(usdMicros, money.perUsdMillionths);
  const decimals = CURRENCY_DECIMALS[money.currency];
  const plain = microsToDecimal(micros, decimals);
  const [whole, frac] = plain.replace("-", "").split(".");
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const symbol = { USD: "$", JPY: "¥", EUR: "€" }[money.currency];
  return `${plain.startsWith("-") ? "-" : ""}${symbol}${grouped}${frac ? `.${frac}` : ""}`;
}
