// The walkthrough's images: parts of the UI run's screenshots, cut to what each step is about and
// written as small palette PNGs (the most frequent colours of the cut; a UI has few). Small on purpose:
// they ship in the .vsix, which test/package/check.ts holds to 150 KB. Chromium decodes the screenshot
// (no image library needed); Node writes the PNG.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import type { Browser } from 'playwright-core';

interface Cut {
  /** A screenshot of the UI run (1280×800). */
  readonly from: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Each step's image (media/walkthrough/<name>.png, as package.json names them), cut from a screenshot. */
export const WALKTHROUGH_IMAGES: Readonly<Record<string, Cut>> = {
  keys: { from: 'environments.png', x: 48, y: 4, width: 800, height: 130 },
  browse: { from: 'tree.png', x: 48, y: 40, width: 560, height: 200 },
  'open-by-id': { from: 'group-json.png', x: 610, y: 36, width: 560, height: 200 },
  find: { from: 'finder.png', x: 340, y: 4, width: 602, height: 180 },
  ids: { from: 'hover.png', x: 612, y: 60, width: 460, height: 145 },
  changes: { from: 'changes.png', x: 48, y: 40, width: 560, height: 200 },
};

/** Colours kept per image: enough for text edges, and few enough for 4 bits a pixel. */
const COLOURS = 16;

/** Writes every image of {@link WALKTHROUGH_IMAGES} from the screenshots in `shots` into `outDir`. */
export async function writeWalkthroughImages(browser: Browser, shots: string, outDir: string): Promise<string[]> {
  fs.mkdirSync(outDir, { recursive: true });
  // A blank page of its own: no workbench content security policy between the canvas and a data: URL.
  const page = await browser.newPage();
  try {
    const written: string[] = [];
    for (const [name, cut] of Object.entries(WALKTHROUGH_IMAGES)) {
      const png = fs.readFileSync(path.join(shots, cut.from)).toString('base64');
      // In the page's JavaScript (this project is typed without the DOM library).
      const rgba = await page.evaluate<number[]>(`(async () => {
        const image = new Image();
        image.src = 'data:image/png;base64,${png}';
        await image.decode();
        const canvas = document.createElement('canvas');
        canvas.width = ${cut.width};
        canvas.height = ${cut.height};
        const context = canvas.getContext('2d');
        context.drawImage(image, ${-cut.x}, ${-cut.y});
        return Array.from(context.getImageData(0, 0, ${cut.width}, ${cut.height}).data);
      })()`);
      const file = path.join(outDir, `${name}.png`);
      fs.writeFileSync(file, palettePng(Uint8Array.from(rgba), cut.width, cut.height));
      written.push(file);
    }
    return written;
  } finally {
    await page.close();
  }
}

/** A 4-bit palette PNG of the image's {@link COLOURS} most frequent colours, each pixel mapped to the nearest. */
function palettePng(rgba: Uint8Array, width: number, height: number): Buffer {
  const counts = new Map<number, number>();
  for (let i = 0; i < rgba.length; i += 4) {
    const colour = (rgba[i] << 16) | (rgba[i + 1] << 8) | rgba[i + 2];
    counts.set(colour, (counts.get(colour) ?? 0) + 1);
  }
  const palette = [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, COLOURS)
    .map(([colour]) => [colour >> 16, (colour >> 8) & 255, colour & 255]);
  const nearest = new Map<number, number>();
  const indexOf = (r: number, g: number, b: number) => {
    const key = (r << 16) | (g << 8) | b;
    let index = nearest.get(key);
    if (index === undefined) {
      let best = Infinity;
      palette.forEach(([pr, pg, pb], i) => {
        const distance = (r - pr) ** 2 + (g - pg) ** 2 + (b - pb) ** 2;
        if (distance < best) [best, index] = [distance, i];
      });
      nearest.set(key, index!);
    }
    return index!;
  };
  // Each row: filter type 0, then a palette index per pixel, two to a byte (high nibble first).
  const rowBytes = 1 + Math.ceil(width / 2);
  const raw = Buffer.alloc(rowBytes * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const index = indexOf(rgba[i], rgba[i + 1], rgba[i + 2]);
      raw[y * rowBytes + 1 + (x >> 1)] |= x % 2 === 0 ? index << 4 : index;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([4, 3, 0, 0, 0], 8); // 4 bits per index, palette colour, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('PLTE', Buffer.from(palette.flat())),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([length, body, crc]);
}
