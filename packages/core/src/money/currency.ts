/**
 * Minor-unit exponents of the active ISO 4217 currency codes (ISO 4217 amendment list as
 * of 2025). This table, not `Intl`, decides how many decimals an amount has: `Intl`
 * disagrees for a few codes (for example it shows ISK and IQD with other digits).
 */
const EXPONENT_0 = 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF';
const EXPONENT_3 = 'BHD IQD JOD KWD LYD OMR TND';
const EXPONENT_4 = 'CLF UYW';
const EXPONENT_2 =
  'AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN ' +
  'BZD CAD CDF CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP ' +
  'GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT ' +
  'LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN ' +
  'NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE ' +
  'SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES ' +
  'WST XCD XCG YER ZAR ZMW ZWG';

function buildExponentTable(): ReadonlyMap<string, number> {
  const table = new Map<string, number>();
  const groups: Array<[string, number]> = [
    [EXPONENT_0, 0],
    [EXPONENT_2, 2],
    [EXPONENT_3, 3],
    [EXPONENT_4, 4],
  ];
  for (const [codes, exponent] of groups) {
    for (const code of codes.split(' ')) table.set(code, exponent);
  }
  return table;
}

const EXPONENTS = buildExponentTable();

/** An uppercase ISO 4217 alphabetic code such as `USD`. */
export type CurrencyCode = string;

/** Whether `code` is an active ISO 4217 code, in uppercase. */
export function isCurrencyCode(code: string): boolean {
  return EXPONENTS.has(code);
}

/**
 * Returns the number of decimals of the currency's minor unit: 2 for USD, 0 for JPY,
 * 3 for KWD. Throws a `RangeError` for a code that is not in the ISO 4217 table.
 */
export function currencyExponent(code: CurrencyCode): number {
  const exponent = EXPONENTS.get(code);
  if (exponent === undefined) {
    throw new RangeError(`Unknown currency code "${code}": expected an ISO 4217 code such as USD.`);
  }
  return exponent;
}
