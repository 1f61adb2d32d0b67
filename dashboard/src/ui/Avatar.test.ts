import { describe, expect, it } from 'vitest';
import { imageFileProblem, initials } from './Avatar';

const file = (type: string, bytes: number) => new File([new Uint8Array(bytes)], 'picture', { type });

describe('initials', () => {
  it('takes the first and last word of a name', () => {
    expect(initials('Dana Q. Agent')).toBe('DA');
  });
  it('takes one letter of a single word or an address', () => {
    expect(initials('dana')).toBe('D');
    expect(initials('dana@acme.test')).toBe('DT');
  });
  it('says ? for nothing', () => {
    expect(initials('  ')).toBe('?');
    expect(initials(undefined)).toBe('?');
  });
});

describe('imageFileProblem', () => {
  it('accepts PNG, JPEG and WebP up to 2 MB', () => {
    for (const type of ['image/png', 'image/jpeg', 'image/webp']) {
      expect(imageFileProblem(file(type, 2 * 1024 * 1024))).toBeUndefined();
    }
  });
  it('refuses other types, larger files and empty ones', () => {
    expect(imageFileProblem(file('image/gif', 10))).toContain('PNG, JPEG or WebP');
    expect(imageFileProblem(file('image/png', 2 * 1024 * 1024 + 1))).toContain('at most 2 MB');
    expect(imageFileProblem(file('image/png', 0))).toBe('This file is empty.');
  });
});
