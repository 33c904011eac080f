import { createContext } from '@lit/context';

/** Date, number and duration formatting in the host's locale (Intl only). */
export interface Formatters {
  readonly locale: string;
  dateTime(iso: string | null | undefined): string;
  relative(iso: string, now?: number): string;
  number(value: number): string;
  /** Elapsed time as m:ss or h:mm:ss. */
  clock(ms: number): string;
  /** A long span in words: "5 minutes", "1 hour". */
  minutes(value: number): string;
  /** The form of `forms` for `count` by the locale's plural rules, with `{n}` replaced by the formatted count. */
  plural(count: number, forms: PluralForms): string;
}

/** Plural forms of a message; `other` is required, the rest as the language needs them. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

const RELATIVE_UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

export function createFormatters(locale: string): Formatters {
  const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const numberFormat = new Intl.NumberFormat(locale);
  const relativeFormat = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const pluralRules = new Intl.PluralRules(locale);
  const twoDigits = new Intl.NumberFormat(locale, { minimumIntegerDigits: 2, useGrouping: false });
  const unitFormats = new Map<string, Intl.NumberFormat>();
  const unit = (name: 'minute' | 'hour' | 'day') => {
    let format = unitFormats.get(name);
    if (!format) {
      format = new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'long' });
      unitFormats.set(name, format);
    }
    return format;
  };
  return {
    locale,
    dateTime: (iso) => (iso ? dateTimeFormat.format(new Date(iso)) : ''),
    relative(iso, now = Date.now()) {
      const delta = new Date(iso).getTime() - now;
      for (const [name, size] of RELATIVE_UNITS) {
        if (Math.abs(delta) >= size || name === 'second') return relativeFormat.format(Math.round(delta / size), name);
      }
      return '';
    },
    number: (value) => numberFormat.format(value),
    clock(ms) {
      const total = Math.max(0, Math.floor(ms / 1000));
      const hours = Math.floor(total / 3600);
      const minutes = Math.floor((total % 3600) / 60);
      const seconds = twoDigits.format(total % 60);
      return hours > 0 ? `${hours}:${twoDigits.format(minutes)}:${seconds}` : `${minutes}:${seconds}`;
    },
    plural(count, forms) {
      return (forms[pluralRules.select(count)] ?? forms.other).replace('{n}', numberFormat.format(count));
    },
    minutes(value) {
      if (value % 1440 === 0) return unit('day').format(value / 1440);
      if (value % 60 === 0) return unit('hour').format(value / 60);
      return unit('minute').format(value);
    },
  };
}

/** Formatters for the host's locale, provided by `<m365-app-root>`. */
export const formattersContext = createContext<Formatters>(Symbol('m365-formatters'));
