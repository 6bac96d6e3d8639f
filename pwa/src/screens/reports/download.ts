import type { Services } from '../../app/services';

/** The plain GET downloads of edge's reports (tRPC is not for files). */
export const REPORTS_PATH = '/reports/v1/';

/**
 * Fetches a report file with the session's bearer token and hands it to the browser as a
 * download (or opens it, for the printable HTML). A link cannot carry the header itself.
 */
export async function fetchReport(services: Services, file: string, query: Record<string, string>): Promise<Blob> {
  const token = await services.session.accessToken();
  const res = await fetch(`${REPORTS_PATH}${file}?${new URLSearchParams(query)}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (!res.ok) throw new Error(`Download failed (${res.status}).`);
  return res.blob();
}

export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function openBlob(blob: Blob): void {
  const url = URL.createObjectURL(blob);
  window.open(url, '_blank', 'noopener');
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
