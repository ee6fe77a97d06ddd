/**
 * Last line of defence before text leaves the instance over the wire: credentials inside
 * connection strings and the literal values of known secrets are replaced by "<redacted>".
 */
const URI_CREDENTIALS = /(\b[a-z][a-z0-9+.-]*:\/\/)([^/@\s:]*):([^/@\s]*)@/gi;

export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(URI_CREDENTIALS, '$1$2:<redacted>@');
  // Longest first, so a secret that contains another is replaced whole.
  for (const s of [...secrets].filter((x) => x.length >= 4).sort((a, b) => b.length - a.length)) out = out.split(s).join('<redacted>');
  return out;
}
