export { extractTables, findTableElements, rawGridOf, buildTable, tableName, languageOf } from './extract-tables';
export { collectAriaGrid } from './virtual-grid';
export type { ExtractedTable, TableColumn, ColumnType, CellValue } from './types';
