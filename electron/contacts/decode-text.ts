// Contact files arrive as bytes of unknown encoding: Outlook writes CSV in the Windows code
// page, Google in UTF-8, some tools in UTF-16 with a byte-order mark. Decoding here (not in
// the renderer with File.text(), which assumes UTF-8) keeps "Müller" from becoming "M�ller".

/** Decodes a text file: BOM first, then strict UTF-8, then Windows-1252 (Outlook's CSV). */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}
