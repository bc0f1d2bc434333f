import { afterEach, describe, expect, it, vi } from 'vitest';
import { newId, uuidFromRandomBytes } from '../../src/lib/db/ids';

describe('a UUID built from random bytes where crypto.randomUUID is missing', () => {
  it('sets the version nibble to 4 and the variant bits to 10, keeping every other bit', () => {
    // 0xff…: byte 6 becomes 0x4f (version 4), byte 8 becomes 0xbf (variant 10xx xxxx).
    expect(uuidFromRandomBytes(new Uint8Array(16).fill(0xff))).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
    // 0x00…: byte 6 becomes 0x40, byte 8 becomes 0x80.
    expect(uuidFromRandomBytes(new Uint8Array(16))).toBe('00000000-0000-4000-8000-000000000000');
    // 0x00, 0x11, … 0xff: byte 6 (0x66) becomes 0x46, byte 8 (0x88) stays 0x88.
    const counting = Uint8Array.from({ length: 16 }, (_, i) => i * 0x11);
    expect(uuidFromRandomBytes(counting)).toBe('00112233-4455-4677-8899-aabbccddeeff');
  });

  it('refuses anything but 16 bytes', () => {
    expect(() => uuidFromRandomBytes(new Uint8Array(15))).toThrow('a UUID needs 16 random bytes, not 15');
  });
});

describe('a new id where the browser withholds crypto.randomUUID (plain http, not localhost)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('is a version 4 UUID made from crypto.getRandomValues', () => {
    const getRandomValues = <T extends ArrayBufferView | null>(array: T): T => {
      if (array instanceof Uint8Array) array.fill(0xa5);
      return array;
    };
    vi.stubGlobal('crypto', { getRandomValues });
    // 0xa5 = 1010 0101: byte 6 becomes 0x45 (version 4), byte 8 stays 0xa5 (variant 10).
    expect(newId()).toBe('a5a5a5a5-a5a5-45a5-a5a5-a5a5a5a5a5a5');
  });
});
