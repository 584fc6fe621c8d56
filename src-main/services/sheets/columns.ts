/** The spreadsheet columns live in shared/ so that paste in the renderer maps headers as the importer does. */
export * from '../../shared/sheet-columns';
