import { describe, expect, it } from 'vitest';
import { parseAddress } from './orders.ts';

const parse = (text: string) => parseAddress(text, 'Maya Patel', 'United Kingdom');

describe('a new shipping address as customers write it', () => {
  it.each([
    ['12 Elm Street, Leeds, LS1 4AB, United Kingdom', '12 Elm Street', 'Leeds', 'LS1 4AB', 'United Kingdom'],
    ['12 Baker Street, London, NW1 6XE', '12 Baker Street', 'London', 'NW1 6XE', 'United Kingdom'],
    ['12 Baker Street, London NW1 6XE', '12 Baker Street', 'London', 'NW1 6XE', 'United Kingdom'],
    ['Flat 2, 12 Elm Street, Leeds, LS1 4AB', 'Flat 2, 12 Elm Street', 'Leeds', 'LS1 4AB', 'United Kingdom'],
    ['1 Main St, Springfield, IL 62701, USA', '1 Main St', 'Springfield', 'IL 62701', 'USA'],
    ['Hauptstraße 5, 10115 Berlin, Germany', 'Hauptstraße 5', 'Berlin', '10115', 'Germany'],
    ['3 Mill Road\nHarwich\nCO12 3AB', '3 Mill Road', 'Harwich', 'CO12 3AB', 'United Kingdom'],
  ])('%s', (text, line1, city, postalCode, country) => {
    expect(parse(text)).toEqual({ name: 'Maya Patel', line1, city, postalCode, country });
  });

  it.each(['yes', 'order 100041', 'somewhere in London', 'London, NW1 6XE', 'what is the status?'])(
    'not an address: %s',
    (text) => {
      expect(parse(text)).toBeUndefined();
    },
  );
});
