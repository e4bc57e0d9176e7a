import fs from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
type Pdf = PDFKit.PDFDocument;

/** The TrueType faces embedded in every document: DejaVu covers accented Latin (Peña, Zoë, Øster) and more. */
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
export const FONTS = {
  regular: path.join(FONT_DIR, 'DejaVuSans.ttf'),
  bold: path.join(FONT_DIR, 'DejaVuSans-Bold.ttf'),
} as const;
type Face = keyof typeof FONTS;

/** The parts of pdfkit's and fontkit's font handling used below; neither types them. */
interface FontInternals {
  _font: { constructor: EmbeddedFontClass; font: ParsedFont };
  _fontCount: number;
  _fontFamilies: Record<string, unknown>;
}
interface ParsedFont {
  glyphForCodePoint(codePoint: number): { id: number; advanceWidth: number };
}
interface Reference {
  compress: boolean;
  data: Record<string, unknown>;
}
interface EmbeddedFont {
  name: string;
  document: { ref(data?: Record<string, unknown>): Reference };
  embed(): void;
  scale: number;
  subset: { glyphs: number[]; includeGlyph(id: number): number; encode(): Uint8Array };
  widths: number[];
  unicode: number[][];
  layoutCache?: Record<string, unknown>;
}
type EmbeddedFontClass = new (doc: Pdf, font: ParsedFont, id: string) => EmbeddedFont;

/**
 * Every document's subset starts with the glyphs of printable ASCII, in this
 * order, so two bills that use no other character embed the same subset and
 * its encoding is made once (see Face cache below); a name such as "Peña"
 * adds its glyphs after these, in a subset of its own.
 */
const SEED = Array.from({ length: 95 }, (_, i) => 32 + i);
/** Words laid out (shaped and kerned) by fontkit are kept across this many documents, then dropped (amounts and names rarely recur). */
const WORDS_KEPT_FOR = 250;
/** Encoded subsets kept per face; cleared past this many (each is some tens of KB). */
const MAX_SUBSETS = 64;

/** What a face costs to prepare, paid once per process instead of once per document. */
interface FaceCache {
  Embedded: EmbeddedFontClass;
  font: ParsedFont;
  /** pdfkit's per-document cache of laid-out words, shared: a laid-out word is never changed after it is made. */
  words: Record<string, unknown>;
  documents: number;
  /** The encoded TrueType subset by its glyph list: the slowest step of a bill, and the same for most bills. */
  subsets: Map<string, Uint8Array>;
}

let fontBytes: Record<Face, Buffer> | null = null;
const faces = new Map<Face, FaceCache>();

/**
 * Registers the two faces on a new document. pdfkit parses a TrueType file,
 * lays out every word and encodes the font subset anew for every document;
 * here the parsed font, the laid-out words and the encoded subsets are kept
 * for the process (a parsed font is read-only), and each document still
 * embeds the subset of the glyphs it uses, so its bytes are what pdfkit
 * alone would have written for the same glyph order.
 */
export function useFonts(doc: Pdf): void {
  fontBytes ??= { regular: fs.readFileSync(FONTS.regular), bold: fs.readFileSync(FONTS.bold) };
  const internals = doc as unknown as FontInternals;
  for (const face of ['regular', 'bold'] as const) {
    doc.registerFont(face, fontBytes[face]);
    let cache = faces.get(face);
    if (!cache) {
      doc.font(face);
      cache = {
        Embedded: internals._font.constructor,
        font: internals._font.font,
        words: Object.create(null),
        documents: 0,
        subsets: new Map(),
      };
      faces.set(face, cache);
    }
    const embedded = new cache.Embedded(doc, cache.font, `F${++internals._fontCount}`);
    prepare(embedded, cache);
    internals._fontFamilies[face] = embedded;
    internals._fontFamilies[embedded.name] = embedded;
  }
}

function prepare(embedded: EmbeddedFont, cache: FaceCache): void {
  if (++cache.documents > WORDS_KEPT_FOR) {
    cache.words = Object.create(null);
    cache.documents = 1;
  }
  // pdfkit only reads the cache and adds to it.
  if (embedded.layoutCache) embedded.layoutCache = cache.words;
  for (const codePoint of SEED) {
    const glyph = cache.font.glyphForCodePoint(codePoint);
    const gid = embedded.subset.includeGlyph(glyph.id);
    embedded.widths[gid] ??= glyph.advanceWidth * embedded.scale;
    embedded.unicode[gid] ??= [codePoint];
  }
  const subset = embedded.subset;
  const encode = subset.encode.bind(subset);
  // Kept compressed: deflating the subset was the slowest step left. The font file
  // is the first object embed() makes; it is told its bytes are deflated already.
  subset.encode = () => {
    const key = subset.glyphs.join(',');
    let bytes = cache.subsets.get(key);
    if (!bytes) {
      bytes = deflateSync(encode());
      if (cache.subsets.size >= MAX_SUBSETS) cache.subsets.clear();
      cache.subsets.set(key, bytes);
    }
    return bytes;
  };
  const embed = embedded.embed.bind(embedded);
  embedded.embed = () => {
    const doc = embedded.document;
    const ref = doc.ref.bind(doc);
    doc.ref = (data) => {
      doc.ref = ref;
      const fontFile = ref(data);
      fontFile.compress = false;
      fontFile.data.Filter = 'FlateDecode';
      return fontFile;
    };
    embed();
  };
}
