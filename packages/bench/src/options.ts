// Command-line values shared by `pnpm bench`, `pnpm bench:compare` and `pnpm bench:gc`.
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A numeric option kept within [min, max]; a value that is not a number is an error, not NaN. */
export function clampedNumber(name: string, text: string | undefined, min: number, max: number): number {
  const value = Number(text);
  if (text === undefined || text.trim() === '' || Number.isNaN(value)) throw new Error(`--${name} must be a number, not "${text ?? ''}"`);
  return Math.max(min, Math.min(max, value));
}

/** `K=V` arguments as an environment; the value may itself contain `=`. */
export function parseEnvPairs(pairs: string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new Error(`expected NAME=value, got "${pair}"`);
    env[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return env;
}

/** A command's options (node:util parseArgs); a mistyped one goes to `usage`, which exits. */
export function parseOptions<const Options extends NonNullable<ParseArgsConfig['options']>>(
  usage: (message: string) => never,
  options: Options,
): ReturnType<typeof parseArgs<{ options: Options }>>['values'] {
  try {
    return parseArgs({ options }).values;
  } catch (error) {
    return usage((error as Error).message);
  }
}

/** clampedNumber for a command's entry point: a value that is not a number goes to `usage`, which exits. */
export function numberOption(usage: (message: string) => never, name: string, text: string | undefined, min: number, max: number): number {
  try {
    return clampedNumber(name, text, min, max);
  } catch (error) {
    return usage((error as Error).message);
  }
}

/** An option that must be one of `choices`; anything else goes to `usage`, which exits. */
export function choiceOption<const Choice extends string>(usage: (message: string) => never, name: string, value: string, choices: readonly Choice[]): Choice {
  if ((choices as readonly string[]).includes(value)) return value as Choice;
  return usage(`--${name} must be ${choices.join(' or ')}`);
}
