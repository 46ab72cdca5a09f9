/**
 * An image reference short enough for a button or a table cell: its last path segment ("nightly-etl:2.0.1"
 * for "ghcr.io/lab/nightly-etl:2.0.1"), a digest cut to its first 12 hex digits as `docker images` shows it.
 */
export function shortImage(image: string): string {
  const name = image.slice(image.lastIndexOf("/") + 1);
  return name.replace(/@sha256:([0-9a-f]{12})[0-9a-f]*$/, "@$1");
}
