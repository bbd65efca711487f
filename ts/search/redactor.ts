/**
 * Keeps credentials out of every message: each secret, and each encoded
 * form it travels in (the base64 of `user:password` in a Basic header, the
 * base64 of `id:key` for an API key), is replaced by `[redacted]` wherever
 * it appears, including in text a server echoed back.
 */
export const REDACTED = '[redacted]';

export class Redactor {
  private readonly secrets: string[];

  constructor(secrets: readonly string[]) {
    const forms = new Set<string>();
    for (const secret of secrets) {
      if (secret === '') continue;
      forms.add(secret);
      forms.add(encodeURIComponent(secret));
      forms.add(Buffer.from(secret).toString('base64'));
    }
    // Longest first, so that a secret containing another is replaced whole.
    this.secrets = [...forms].sort((a, b) => b.length - a.length);
  }

  /** Another redactor hiding both sets of secrets (a read and a write cluster). */
  with(other: Redactor): Redactor {
    const joined = new Redactor([]);
    joined.secrets.push(...new Set([...this.secrets, ...other.secrets]));
    joined.secrets.sort((a, b) => b.length - a.length);
    return joined;
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join(REDACTED);
    return out;
  }
}
