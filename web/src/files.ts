/** Hands the browser a file to save (a CSV built here or fetched with the bearer token). */
export function saveFile(content: string | Blob, name: string) {
  const blob = content instanceof Blob ? content : new Blob([content], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}
