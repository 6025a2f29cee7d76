/**
 * Removes known secret values from text that came from outside (server error messages, OAuth
 * error_description) before it reaches an error message or a log line.
 */
export function redact(text: string, secrets: Iterable<string | undefined>): string {
  let out = text;
  for (const s of secrets) {
    if (s && s.length >= 4) out = out.split(s).join('[redacted]');
  }
  return out;
}

/** Shortens server-supplied text so one odd answer cannot flood the logs. */
export function clip(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
