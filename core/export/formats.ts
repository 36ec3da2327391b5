/**
 * The export formats, listed once: the API's `ExportFormat`, the channel schema, the CLI's
 * `--format` and the UI's copy menu all take them from here. Pure.
 */
export const EXPORT_FORMATS = ['text', 'html', 'tsv', 'markdown', 'json'] as const;
export type ExportFormatId = (typeof EXPORT_FORMATS)[number];
