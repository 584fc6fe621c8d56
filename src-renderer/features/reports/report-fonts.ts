/**
 * The report font, shipped with the app: Noto Sans SC regular and bold. Each weight is ~100
 * unicode-range subsets; the browser fetches only those the text uses, and the PDF embeds those.
 * (The build keeps the woff2 files only: see electron.vite.config.ts.)
 */
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
