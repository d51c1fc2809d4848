export {
  type BlockStyle,
  type Cell,
  DocumentLayout,
  GRAY,
  type LayoutOptions,
  LIGHT_GRAY,
  type Margins,
  PAGE_SIZES,
  type PageFooter,
  type PageSize,
  type Table,
  type TableColumn,
} from './document-layout.js';
export { type FontName, measureText } from './fonts.js';
export { readImageFile } from './image-file.js';
export {
  BLACK,
  type Color,
  type LineStyle,
  PageContent,
  type TextAlign,
  type TextStyle,
} from './page-content.js';
export type { PdfMetadata, PdfPage } from './pdf-file.js';
export {
  DEFAULT_IMAGE_LIMITS,
  fitImage,
  type ImageColorSpace,
  ImageFormatError,
  type ImageLimits,
  type PdfImage,
} from './pdf-image.js';
export { wrapText } from './text-wrap.js';
export { decodeWinAnsi, encodeWinAnsi, type WinAnsiText } from './win-ansi.js';
