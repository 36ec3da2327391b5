/**
 * Drag & drop and folder inputs, the same in Electron and the browser host: the page reads the
 * dropped files (walking dropped folders with the standard FileSystemEntry API) and imports
 * their bytes with ArchiveApi.importFiles, in batches within the channel limits. No file path
 * ever crosses the bridge, so the renderer gains no power to read arbitrary files.
 */
import type { ArchiveApi, ImportFile, ImportOutcome } from '../../core/api.ts';
import { LIMITS } from '../../core/channels.ts';

/** Files we try to import; anything else in a dropped folder is skipped (not an error). */
export const IMPORTABLE = /\.(txt|text|html?|docx|pdf|md)$/i;

export interface PendingFile {
  /** Path within the drop ("folder/sub/a.pdf") for display. */
  name: string;
  file: File;
}

function readEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

async function walk(entry: FileSystemEntry, prefix: string, out: PendingFile[]): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    if (prefix === '' || IMPORTABLE.test(file.name)) out.push({ name: prefix + file.name, file });
  } else if (entry.isDirectory) {
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    // readEntries returns at most ~100 entries per call: read until empty.
    for (let batch = await readEntries(reader); batch.length; batch = await readEntries(reader)) {
      for (const child of batch) await walk(child, `${prefix}${entry.name}/`, out);
    }
  }
}

/** The files of a drop, dropped folders walked recursively. Call synchronously in the drop handler. */
export async function filesFromDataTransfer(data: DataTransfer): Promise<PendingFile[]> {
  // Entries must be taken synchronously: the DataTransfer is emptied after the event returns.
  const entries = Array.from(data.items ?? [])
    .filter((item) => item.kind === 'file')
    .map((item) => item.webkitGetAsEntry?.() ?? null);
  const out: PendingFile[] = [];
  if (entries.length && entries.every((e) => e !== null)) {
    for (const entry of entries) await walk(entry!, '', out);
    return out;
  }
  return Array.from(data.files).map((file) => ({ name: file.name, file }));
}

/** Files from <input type=file multiple> or <input type=file webkitdirectory>. */
export function filesFromInput(files: FileList | File[]): PendingFile[] {
  return Array.from(files)
    .map((file) => ({ name: file.webkitRelativePath || file.name, file }))
    .filter((p) => !p.name.includes('/') || IMPORTABLE.test(p.file.name));
}

export interface ImportProgress {
  done: number;
  total: number;
}

/**
 * Imports files in batches that fit the channel limits; files over the single-file limit get a
 * 'failed' outcome without being read.
 */
export async function importPending(
  api: Pick<ArchiveApi, 'importFiles'>,
  pending: PendingFile[],
  onProgress?: (progress: ImportProgress) => void,
): Promise<ImportOutcome[]> {
  const outcomes: ImportOutcome[] = [];
  const total = pending.length;
  let batch: ImportFile[] = [];
  let batchBytes = 0;
  const flush = async () => {
    if (!batch.length) return;
    outcomes.push(...(await api.importFiles(batch)));
    batch = [];
    batchBytes = 0;
    onProgress?.({ done: outcomes.length, total });
  };
  for (const { name, file } of pending) {
    if (file.size > LIMITS.fileBytes) {
      outcomes.push({ file: name, status: 'failed', reason: `文件过大，超过 ${LIMITS.fileBytes / 1024 / 1024} MB（file too large）` });
      onProgress?.({ done: outcomes.length, total });
      continue;
    }
    if (batch.length >= Math.min(LIMITS.importBatchFiles, 50) || batchBytes + file.size > LIMITS.importBatchBytes / 4) await flush();
    batch.push({ name: name.slice(-LIMITS.fileName), bytes: new Uint8Array(await file.arrayBuffer()) });
    batchBytes += file.size;
  }
  await flush();
  return outcomes;
}
