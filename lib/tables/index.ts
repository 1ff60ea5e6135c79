export {
  extractTables,
  findTableElements,
  rawGridOf,
  buildTable,
  tableName,
  languageOf,
  withUniqueNames,
} from './extract-tables';
export { collectAriaGrid, type CollectedGrid } from './virtual-grid';
export type { ExtractedTable, TableColumn, ColumnType, CellValue } from './types';
