// Plate syntax: each accepted shape with real-looking plates, and each rejection with its reason.
import { describe, expect, it } from 'vitest';
import { normalizePlate, validatePlate } from './plate.js';

describe('validatePlate accepts', () => {
  it.each([
    ['沪A32567', 'ordinary'],
    ['京AB1234', 'ordinary with a letter in the serial'],
    ['粤BD12345', 'new-energy small, pure electric'],
    ['京AF12345', 'new-energy small, hybrid'],
    ['浙ADA1234', 'new-energy small, letter in 2nd serial place'],
    ['苏EA12345', 'new-energy small, 2021 extension letter A'],
    ['粤B12345D', 'new-energy large (bus), pure electric'],
    ['沪B67890F', 'new-energy large, hybrid'],
    ['沪A1234学', 'driving-school'],
    ['京A0001警', 'police'],
    ['鲁B1234挂', 'trailer'],
    ['粤Z1234港', 'Hong Kong cross-border'],
    ['粤Z1A34澳', 'Macau cross-border'],
    ['琼A12345', 'last province in the list'],
  ])('%s (%s)', (plate) => {
    expect(validatePlate(plate)).toBeNull();
  });
});

describe('validatePlate rejects', () => {
  it.each([
    ['', /empty/],
    ['A32567', /province/],
    ['港A32567', /province/],
    ['沪A3256', /7 characters/],
    ['沪A325678X', /7 characters/],
    ['沪a32567', /upper case/],
    ['沪AO2567', /I or O/],
    ['沪I32567', /I or O/],
    ['沪132567', /second character must be a letter/],
    ['沪A32学67', /4 then one of/],
    ['沪A325学7', /4 then one of/],
    ['粤BX12345', /new-energy/],
    ['粤BD1234A', /new-energy/],
    ['粤B1234DD', /new-energy/],
    ['沪A·3256', /serial/],
  ])('%s', (plate, reason) => {
    expect(validatePlate(plate)).toMatch(reason);
  });
});

describe('normalizePlate', () => {
  it('removes separators and spaces and upper-cases', () => {
    expect(normalizePlate(' 沪a·32567 ')).toBe('沪A32567');
    expect(normalizePlate('粤B-D12345')).toBe('粤BD12345');
  });
});
