import { versionReturnsInsertedRows } from '../database';

describe('which MySQL servers return the rows an INSERT wrote', () => {
  it.each([
    ['10.11.19-MariaDB-0+deb12u1', true],
    ['10.5.0-MariaDB', true],
    ['11.4.2-MariaDB-ubu2404', true],
    ['12.0.1-MariaDB', true],
    ['10.4.34-MariaDB', false],
    ['10.3.39-MariaDB-0+deb10u1', false],
    ['8.4.3', false],
    ['8.0.40-0ubuntu0.24.04.1', false],
    ['9.1.0-commercial', false],
    ['', false],
  ])('%s: %s', (version, returns) => {
    expect(versionReturnsInsertedRows(version)).toBe(returns);
  });
});
