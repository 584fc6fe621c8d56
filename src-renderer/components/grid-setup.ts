/**
 * AG Grid, registered once with only the modules the screens use, themed from the same CSS
 * variables as the rest of the app (so light/dark switch the grid too).
 */
import {
  CellSpanModule,
  CellStyleModule,
  ClientSideRowModelModule,
  CellApiModule,
  TextFilterModule,
  QuickFilterModule,
  NumberFilterModule,
  ExternalFilterModule,
  ColumnApiModule,
  CheckboxEditorModule,
  ColumnAutoSizeModule,
  DateEditorModule,
  HighlightChangesModule,
  LargeTextEditorModule,
  LocaleModule,
  ModuleRegistry,
  NumberEditorModule,
  RenderApiModule,
  RowApiModule,
  RowSelectionModule,
  ScrollApiModule,
  RowStyleModule,
  RowAutoHeightModule,
  SelectEditorModule,
  TextEditorModule,
  TooltipModule,
  ValidationModule,
  themeQuartz,
} from 'ag-grid-community';
import { AG_GRID_LOCALE_CN, AG_GRID_LOCALE_EN } from '@ag-grid-community/locale';

let registered = false;

export function registerGridModules(): void {
  if (registered) return;
  registered = true;
  ModuleRegistry.registerModules([
    ClientSideRowModelModule,
    CellApiModule,
    TextFilterModule,
    QuickFilterModule,
    NumberFilterModule,
    ExternalFilterModule,
    ColumnApiModule,
    CheckboxEditorModule,
    TextEditorModule,
    LargeTextEditorModule,
    LocaleModule,
    NumberEditorModule,
    DateEditorModule,
    HighlightChangesModule,
    SelectEditorModule,
    CellStyleModule,
    RowStyleModule,
    RowAutoHeightModule,
    CellSpanModule,
    ColumnAutoSizeModule,
    RenderApiModule,
    RowApiModule,
    RowSelectionModule,
    ScrollApiModule,
    TooltipModule,
    // Development builds explain a missing module or a misspelt option in the console.
    ...(import.meta.env.DEV ? [ValidationModule] : []),
  ]);
}

export const gridTheme = themeQuartz.withParams({
  fontFamily: 'var(--font)',
  fontSize: 13,
  backgroundColor: 'var(--bg)',
  foregroundColor: 'var(--fg)',
  headerBackgroundColor: 'var(--bg-subtle)',
  borderColor: 'var(--border)',
  accentColor: 'var(--accent)',
  rowHeight: 32,
  headerHeight: 34,
  spacing: 6,
  wrapperBorderRadius: 0,
});

export function gridLocale(language: string): Record<string, string> {
  return language.startsWith('zh') ? AG_GRID_LOCALE_CN : AG_GRID_LOCALE_EN;
}
