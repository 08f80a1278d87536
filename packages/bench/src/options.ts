// Command-line values shared by `pnpm bench` and `pnpm bench:compare`.

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
