/**
 * DOCX decompression bombs, generated: the fixture DOCX with its word/document.xml replaced by
 * ~`inflatedMb` MB of tiny paragraphs (deflated at ~190 : 1), optionally declaring a smaller
 * uncompressed size than the real one in the local header and the central directory.
 * A minimal ZIP writer over node:zlib (C deflate; fflate's JavaScript deflate of 100 MB takes
 * seconds): a bomb is built in ~0.3 s.
 */
import { crc32, deflateRawSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { readFixture } from '../support/fixtures.ts';

const PARAGRAPH = '<w:p><w:r><w:t>一</w:t></w:r></w:p>';
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>';
const TAIL = '</w:body></w:document>';

function documentXml(inflatedBytes: number): Buffer {
  const body = Buffer.alloc(Math.ceil(inflatedBytes / Buffer.byteLength(PARAGRAPH)) * Buffer.byteLength(PARAGRAPH), PARAGRAPH);
  return Buffer.concat([Buffer.from(HEAD), body, Buffer.from(TAIL)]);
}

interface Entry {
  name: string;
  data: Uint8Array;
  /** The uncompressed size written in the headers (the real one unless lying). */
  declared: number;
}

function zip(entries: Entry[]): Uint8Array {
  const parts: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const { name, data, declared } of entries) {
    const nameBytes = Buffer.from(name);
    const deflated = deflateRawSync(data, { level: 1 });
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(deflated.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(deflated.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    parts.push(local, nameBytes, deflated);
    directory.push(central, nameBytes);
    offset += local.length + nameBytes.length + deflated.length;
  }
  const directoryBytes = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directoryBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...parts, directoryBytes, end]));
}

export function docxBomb({ inflatedMb, declaredBytes }: { inflatedMb: number; declaredBytes?: number }): Uint8Array {
  const files = unzipSync(readFixture('office', 'songling-2022.docx'));
  const entries: Entry[] = Object.entries(files)
    .filter(([name]) => !name.endsWith('/') && name !== 'word/document.xml')
    .map(([name, data]) => ({ name, data, declared: data.length }));
  const document = documentXml(inflatedMb * 1024 * 1024);
  entries.push({ name: 'word/document.xml', data: document, declared: declaredBytes ?? document.length });
  return zip(entries);
}
