// PEM armour: `-----BEGIN <LABEL>-----`, base64 body wrapped at 64 columns, `-----END <LABEL>-----`.

import { SlipwayError } from '@slipway/errors';

export interface PemBlock {
  readonly label: string;
  readonly der: Uint8Array;
}

const BLOCK_RE = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)\r?\n?-----END \1-----/g;

/** Every PEM block in `text`, in order. Text outside blocks (comments, headers) is ignored. */
export function decodePemBlocks(text: string, where: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  for (const match of text.matchAll(BLOCK_RE)) {
    const label = match[1] ?? '';
    const body = (match[2] ?? '').replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body) || body.length % 4 !== 0) {
      throw new SlipwayError(`the PEM block "${label}" is not valid base64`, {
        where,
        fix: 'use the file exactly as the key generator wrote it',
      });
    }
    blocks.push({ label, der: new Uint8Array(Buffer.from(body, 'base64')) });
  }
  return blocks;
}

/** Encodes `der` as a PEM block ending with a newline. */
export function encodePem(label: string, der: Uint8Array): string {
  const body = Buffer.from(der).toString('base64');
  const lines = body.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
