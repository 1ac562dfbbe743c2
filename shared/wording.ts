// How messages put together from parts read: one sentence, whatever each part ends with.

/**
 * "What is wrong (detail)." A detail that is itself a sentence ("Could not reach Openfax (the
 * connection was dropped).") would otherwise end the message in ".)." or ").)".
 */
export function withDetail(message: string, detail: string): string {
  const bare = (t: string) => t.trim().replace(/[.\s]+$/, '');
  return `${bare(message)} (${bare(detail)}).`;
}
