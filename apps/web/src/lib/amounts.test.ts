import { describe, expect, it } from 'vitest';
import { formatMoney, goalToApi, minorToDecimal, minutesToHours, parseAmount } from './amounts';

describe('amounts', () => {
  it('formats minor units exactly, beyond 2^53', () => {
    expect(formatMoney('2500', 'USD', 'en')).toBe('$25.00');
    expect(formatMoney('100000', 'USD', 'en')).toBe('$1,000.00');
    expect(formatMoney('1234', 'EUR', 'de').replace(/\s/g, ' ')).toBe('12,34 €');
    expect(formatMoney('500', 'JPY', 'en')).toBe('¥500');
    expect(minorToDecimal(9007199254740993n, 2)).toBe('90071992547409.93');
  });

  it('parses what a person types into the unit of the campaign, or refuses it', () => {
    expect(parseAmount('25', 'MONEY', 'USD')).toBe(2500n);
    expect(parseAmount('25.5', 'MONEY', 'USD')).toBe(2550n);
    expect(parseAmount('25,50', 'MONEY', 'EUR')).toBe(2550n);
    expect(parseAmount('0.001', 'MONEY', 'USD')).toBeNull();
    expect(parseAmount('1.5', 'MONEY', 'JPY')).toBeNull();
    expect(parseAmount('1.5', 'TIME', null)).toBe(90n);
    expect(parseAmount('0.01', 'TIME', null)).toBeNull(); // 0.6 minutes
    expect(parseAmount('3', 'ACTION', null)).toBe(3n);
    expect(parseAmount('1.5', 'ACTION', null)).toBeNull();
    for (const bad of ['', '0', '-5', 'abc', '1e3', '10000000001'])
      expect(parseAmount(bad, 'MONEY', 'USD')).toBeNull();
  });

  it('reads goals in whole units', () => {
    expect(goalToApi('1000', 'MONEY', 'USD')).toBe(100000n);
    expect(goalToApi('10', 'TIME', null)).toBe(600n);
    expect(goalToApi('7', 'ACTION', null)).toBe(7n);
    expect(goalToApi('1.5', 'MONEY', 'USD')).toBeNull();
    expect(minutesToHours('90')).toBe('1.5');
    expect(minutesToHours('120')).toBe('2');
  });
});
