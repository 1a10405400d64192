// Tests of the status catalogue. The expected code lists are written out from seed 000_… (Microsoft's
// "log file format" page, status tables) and formats.md §1.3, so removing an entry fails a test.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  LANGUAGES,
  STATUS_CATALOGUE,
  STATUS_CATEGORIES,
  describeStatus,
  isCompletedStatus,
  lookupStatus,
  statusResources,
  type StatusCategory,
} from './index.ts';

// Seed 000, "Statuscodes van station".
const DRIVE_CODES = [
  'Completed',
  'CompletedWithWarnings',
  'CompletedWithErrors',
  'DiskNotFound',
  'VolumeNotNtfs',
  'DiskOperationFailed',
  'BitLockerVolumeNotFound',
  'BitLockerNotActivated',
  'BitLockerProtectorNotFound',
  'BitLockerKeyInvalid',
  'BitLockerUnlockVolumeFailed',
  'BitLockerFailed',
  'ManifestNameInvalid',
  'ManifestNameTooLong',
  'ManifestNotFound',
  'ManifestAccessDenied',
  'ManifestCorrupted',
  'ManifestFormatInvalid',
  'ManifestDriveIdMismatch',
  'ReadManifestFailed',
  'BlobListFormatInvalid',
  'BlobRequestForbidden',
  'InternalError',
];
// Seed 000, "BLOB-statuscodes".
const BLOB_CODES = [
  'Completed',
  'CompletedWithErrors',
  'FileNameInvalid',
  'FileNameTooLong',
  'FileNotFound',
  'FileAccessDenied',
  'BlobRequestFailed',
  'BlobRequestForbidden',
  'RenameFailed',
  'BlobUnexpectedChange',
  'LeasePresent',
  'IOFailed',
  'Failed',
];
// Seed 000, "Statuscodes toestand importeren".
const IMPORT_DISPOSITION_CODES = ['Created', 'Renamed', 'Skipped', 'Overwritten', 'Cancelled'];
// Seed 000, "Pagina-bereik/blok statuscodes".
const RANGE_CODES = [
  'Completed',
  'Committed',
  'Uncommitted',
  'Corrupted',
  'FileUnexpectedEnd',
  'BlobUnexpectedEnd',
  'BlobRequestFailed',
  'IOFailed',
  'Failed',
  'Cancelled',
];
// Seed 000, "Statuscodes van metagegevens".
const METADATA_CODES = [
  'Completed',
  'FileNameInvalid',
  'FileNameTooLong',
  'FileNotFound',
  'FileAccessDenied',
  'Corrupted',
  'XmlReadFailed',
  'XmlWriteFailed',
  'BlobRequestFailed',
  'IOFailed',
  'Failed',
  'Cancelled',
];
// Seed 000, "Eigenschappen van statuscodes".
const PROPERTIES_CODES = [
  'Completed',
  'FileNameInvalid',
  'FileNameTooLong',
  'FileNotFound',
  'FileAccessDenied',
  'Corrupted',
  'XmlReadFailed',
  'XmlWriteFailed',
  'BlobRequestFailed',
  'IOFailed',
  'Failed',
  'Cancelled',
];
// formats.md §1.3, DriveLog Version="2018-10-01".
const DATA_BOX_CODES = [
  'Renamed',
  'StorageRequestFailed',
  'StorageRequestForbidden',
  'ContainerRenamed',
  'ShareRenamed',
  'BlobRenamed',
  'FileRenamed',
  'DiskRenamed',
  'InvalidWorkitem',
  'MovedToOverflowShare',
  'MovedToDefaultAzureShare',
];

const EXPECTED: Record<StatusCategory, string[]> = {
  drive: DRIVE_CODES,
  blob: BLOB_CODES,
  importDisposition: IMPORT_DISPOSITION_CODES,
  range: RANGE_CODES,
  sidecar: [...new Set([...METADATA_CODES, ...PROPERTIES_CODES])],
  dataBox: DATA_BOX_CODES,
};

const codesOf = (category: StatusCategory) =>
  STATUS_CATALOGUE.filter((e) => e.category === category)
    .map((e) => e.code)
    .sort();

describe('status catalogue: completeness against the seed tables', () => {
  for (const category of STATUS_CATEGORIES) {
    test(`${category}: exactly the codes of the table`, () => {
      assert.deepEqual(codesOf(category), [...EXPECTED[category]!].sort());
    });
  }

  test('metadata and properties tables are both fully covered by sidecar', () => {
    for (const code of [...METADATA_CODES, ...PROPERTIES_CODES]) {
      assert.ok(lookupStatus('sidecar', code), `sidecar.${code} missing`);
    }
  });

  test('the catalogue has no other category and no duplicate (category, code)', () => {
    const keys = STATUS_CATALOGUE.map((e) => `${e.category}.${e.code}`);
    assert.equal(new Set(keys).size, keys.length);
    for (const e of STATUS_CATALOGUE) assert.ok(STATUS_CATEGORIES.includes(e.category), e.category);
    const expectedTotal = Object.values(EXPECTED).reduce((n, list) => n + list.length, 0);
    assert.equal(STATUS_CATALOGUE.length, expectedTotal);
    assert.equal(STATUS_CATALOGUE.length, 23 + 13 + 5 + 10 + 12 + 11);
  });

  test('every expected code is found by lookupStatus in its category', () => {
    for (const category of STATUS_CATEGORIES) {
      for (const code of EXPECTED[category]!) {
        const entry = lookupStatus(category, code);
        assert.ok(entry, `${category}.${code}`);
        assert.equal(entry.category, category);
        assert.equal(entry.code, code);
      }
    }
  });
});

describe('status catalogue: entries', () => {
  test('every entry has non-empty, trimmed en and nl texts that differ from each other', () => {
    for (const e of STATUS_CATALOGUE) {
      assert.deepEqual(Object.keys(e.texts).sort(), [...LANGUAGES].sort(), `${e.category}.${e.code}`);
      for (const lang of LANGUAGES) {
        const t = e.texts[lang];
        for (const field of ['title', 'explanation', 'nextStep'] as const) {
          assert.equal(typeof t[field], 'string');
          assert.ok(t[field].trim().length > 0, `${e.category}.${e.code} ${lang}.${field} is empty`);
          assert.equal(t[field], t[field].trim(), `${e.category}.${e.code} ${lang}.${field} has surrounding white space`);
        }
        assert.ok(t.explanation.length >= 30, `${e.category}.${e.code} ${lang}.explanation is too short to explain anything`);
      }
      for (const field of ['title', 'explanation', 'nextStep'] as const) {
        assert.notEqual(e.texts.en[field], e.texts.nl[field], `${e.category}.${e.code} ${field}: nl equals en`);
      }
    }
  });

  test('severity and repairable have valid values; ok entries need no repair', () => {
    for (const e of STATUS_CATALOGUE) {
      assert.ok(['ok', 'warning', 'error'].includes(e.severity), `${e.category}.${e.code}`);
      assert.equal(typeof e.repairable, 'boolean');
      if (e.severity === 'ok') assert.equal(e.repairable, false, `${e.category}.${e.code}`);
    }
  });

  test('every repairable entry names a waie repair command in both languages', () => {
    for (const e of STATUS_CATALOGUE.filter((x) => x.repairable)) {
      for (const lang of LANGUAGES) {
        assert.match(e.texts[lang].nextStep, /`waie Repair(Export|Import)/, `${e.category}.${e.code} ${lang}`);
      }
    }
  });

  test('titles are unique within a category and language', () => {
    for (const category of STATUS_CATEGORIES) {
      for (const lang of LANGUAGES) {
        const titles = STATUS_CATALOGUE.filter((e) => e.category === category).map((e) => e.texts[lang].title);
        assert.equal(new Set(titles).size, titles.length, `${category} ${lang}`);
      }
    }
  });

  test('Dutch texts use the project terms, not the machine translation of the seed', () => {
    for (const e of STATUS_CATALOGUE) {
      const nl = Object.values(e.texts.nl).join(' ');
      assert.doesNotMatch(nl, /\bstation(s)?\b/i, `${e.category}.${e.code}: say "schijf", not "station"`);
      assert.doesNotMatch(nl, /\b(the|and|with|file|drive|failed)\b/, `${e.category}.${e.code}: English word in Dutch text`);
      const en = Object.values(e.texts.en).join(' ');
      assert.doesNotMatch(en, /\b(het|een|niet|schijf|bestand)\b/, `${e.category}.${e.code}: Dutch word in English text`);
    }
  });

  test('selected next steps say what the brief requires', () => {
    const en = (c: StatusCategory, code: string) => lookupStatus(c, code)!.texts.en.nextStep;
    const nl = (c: StatusCategory, code: string) => lookupStatus(c, code)!.texts.nl.nextStep;
    assert.match(en('blob', 'BlobRequestForbidden'), /account key/);
    assert.match(en('blob', 'BlobRequestForbidden'), /SAS/);
    assert.match(nl('blob', 'BlobRequestForbidden'), /accountsleutel/);
    assert.match(en('drive', 'BitLockerKeyInvalid'), /portal/);
    assert.match(en('drive', 'BitLockerKeyInvalid'), /Encryption/);
    assert.match(nl('drive', 'BitLockerKeyInvalid'), /Versleuteling/);
    assert.match(en('drive', 'ManifestCorrupted'), /backup/);
    assert.match(en('drive', 'ManifestCorrupted'), /storage account/);
    assert.match(en('drive', 'ManifestCorrupted'), /_manifest\.xml/);
    assert.match(nl('drive', 'ManifestCorrupted'), /reservekopie/);
    assert.match(en('range', 'Corrupted'), /waie RepairExport/);
    assert.match(en('blob', 'FileNotFound'), /PathMapFile/);
  });

  test('selected severities and repairability', () => {
    const s = (c: StatusCategory, code: string) => lookupStatus(c, code)!;
    assert.equal(s('drive', 'Completed').severity, 'ok');
    assert.equal(s('drive', 'CompletedWithWarnings').severity, 'warning');
    assert.equal(s('drive', 'CompletedWithErrors').severity, 'error');
    assert.equal(s('drive', 'CompletedWithErrors').repairable, true);
    assert.equal(s('drive', 'BitLockerKeyInvalid').repairable, false);
    assert.equal(s('drive', 'ManifestCorrupted').repairable, false);
    assert.equal(s('range', 'Corrupted').repairable, true);
    assert.equal(s('range', 'Cancelled').repairable, true);
    assert.equal(s('blob', 'BlobUnexpectedChange').repairable, false);
    assert.equal(s('importDisposition', 'Renamed').severity, 'warning');
    assert.equal(s('dataBox', 'ContainerRenamed').severity, 'warning');
    assert.equal(s('dataBox', 'InvalidWorkitem').severity, 'error');
  });

  test('the catalogue is frozen and JSON-able', () => {
    assert.ok(Object.isFrozen(STATUS_CATALOGUE));
    for (const e of STATUS_CATALOGUE) {
      assert.ok(Object.isFrozen(e));
      assert.ok(Object.isFrozen(e.texts));
      assert.ok(Object.isFrozen(e.texts.en));
    }
    assert.deepEqual(JSON.parse(JSON.stringify(STATUS_CATALOGUE)), STATUS_CATALOGUE);
    assert.throws(() => {
      (STATUS_CATALOGUE[0] as { code: string }).code = 'x';
    }, TypeError);
  });
});

describe('lookupStatus: codes shared between categories', () => {
  const shared = new Map<string, StatusCategory[]>();
  for (const e of STATUS_CATALOGUE) shared.set(e.code, [...(shared.get(e.code) ?? []), e.category]);
  const duplicates = [...shared].filter(([, cats]) => cats.length > 1);

  test('the known duplicates exist', () => {
    const names = duplicates.map(([code]) => code);
    for (const code of ['Completed', 'Failed', 'Corrupted', 'BlobRequestForbidden', 'Cancelled', 'Renamed', 'IOFailed']) {
      assert.ok(names.includes(code), code);
    }
    assert.deepEqual(shared.get('Completed')!.sort(), ['blob', 'drive', 'range', 'sidecar']);
    assert.deepEqual(shared.get('Cancelled')!.sort(), ['importDisposition', 'range', 'sidecar']);
    assert.deepEqual(shared.get('Renamed')!.sort(), ['dataBox', 'importDisposition']);
  });

  for (const [code, categories] of duplicates) {
    test(`${code}: one entry per category, each with its own meaning`, () => {
      const entries = categories.map((c) => lookupStatus(c, code)!);
      entries.forEach((e, i) => {
        assert.equal(e.category, categories[i]);
        assert.equal(e.code, code);
      });
      for (const lang of LANGUAGES) {
        const explanations = entries.map((e) => e.texts[lang].explanation);
        assert.equal(new Set(explanations).size, explanations.length, `${code} ${lang}: categories share an explanation`);
      }
    });
  }

  test('a code is not found in a category whose table lacks it', () => {
    assert.equal(lookupStatus('drive', 'Corrupted'), undefined);
    assert.equal(lookupStatus('drive', 'Cancelled'), undefined);
    assert.equal(lookupStatus('range', 'FileNotFound'), undefined);
    assert.equal(lookupStatus('blob', 'Created'), undefined);
    assert.equal(lookupStatus('importDisposition', 'Completed'), undefined);
    assert.equal(lookupStatus('sidecar', 'LeasePresent'), undefined);
    assert.equal(lookupStatus('blob', 'ContainerRenamed'), undefined);
    assert.equal(lookupStatus('dataBox', 'Completed'), undefined);
  });

  test('tolerant matching: white space and case', () => {
    assert.equal(lookupStatus('range', ' Corrupted ')?.code, 'Corrupted');
    assert.equal(lookupStatus('range', 'corrupted')?.code, 'Corrupted');
    assert.equal(lookupStatus('drive', 'COMPLETEDWITHERRORS')?.code, 'CompletedWithErrors');
    assert.equal(lookupStatus('range', ''), undefined);
    assert.equal(lookupStatus('range', 'Corrupted!'), undefined);
    assert.equal(lookupStatus('range', undefined as unknown as string), undefined);
    assert.equal(lookupStatus('range', 'constructor'), undefined);
    assert.equal(lookupStatus('range', '__proto__'), undefined);
  });
});

describe('describeStatus', () => {
  test('known code, English by default and Dutch on request', () => {
    const en = describeStatus('range', 'Corrupted');
    const entry = lookupStatus('range', 'Corrupted')!;
    assert.deepEqual(en, { ...entry.texts.en, severity: 'error', known: true });
    const nl = describeStatus('range', 'Corrupted', 'nl');
    assert.deepEqual(nl, { ...entry.texts.nl, severity: 'error', known: true });
  });

  test('an unsupported language falls back to English', () => {
    const d = describeStatus('blob', 'Completed', 'de' as never);
    assert.equal(d.title, lookupStatus('blob', 'Completed')!.texts.en.title);
  });

  test('2018-10-01 codes on items are described from dataBox', () => {
    const d = describeStatus('blob', 'ContainerRenamed');
    assert.equal(d.known, true);
    assert.equal(d.title, lookupStatus('dataBox', 'ContainerRenamed')!.texts.en.title);
    assert.equal(describeStatus('blob', 'StorageRequestFailed', 'nl').known, true);
    // An import disposition never carries a Data Box code.
    assert.equal(describeStatus('importDisposition', 'ContainerRenamed').known, false);
    // The table's own meaning wins over dataBox.
    assert.equal(describeStatus('importDisposition', 'Renamed').title, lookupStatus('importDisposition', 'Renamed')!.texts.en.title);
  });

  for (const lang of LANGUAGES) {
    test(`unknown code (${lang}): honest generic text that includes the code`, () => {
      const d = describeStatus('range', 'QuantumFluxFailure', lang);
      assert.equal(d.known, false);
      assert.equal(d.severity, 'warning');
      for (const field of ['title', 'explanation', 'nextStep'] as const) assert.match(d[field], /QuantumFluxFailure/);
      assert.match(d.explanation, lang === 'en' ? /does not know/ : /kent die code niet/);
      assert.match(d.nextStep, /waie Repair/);
    });
  }

  test('unknown texts differ per language and per category', () => {
    const en = describeStatus('drive', 'Mystery', 'en');
    const nl = describeStatus('drive', 'Mystery', 'nl');
    assert.notEqual(en.explanation, nl.explanation);
    assert.notEqual(describeStatus('range', 'Mystery').explanation, en.explanation);
  });

  test('unknown codes are shown safely: control characters replaced, long codes cut, empty named', () => {
    const d = describeStatus('blob', 'Bad\nCode\u0000\u2028x');
    assert.doesNotMatch(d.title + d.explanation + d.nextStep, /[\u0000-\u001f\u2028]/);
    assert.match(d.title, /Bad\?Code\?\?x/);
    const long = describeStatus('blob', 'X'.repeat(5000));
    assert.ok(long.explanation.length < 600);
    assert.match(long.title, /X{64}…/);
    assert.match(describeStatus('blob', '').title, /\(empty\)/);
    assert.match(describeStatus('blob', '   ', 'nl').title, /\(leeg\)/);
    assert.equal(describeStatus('blob', undefined as unknown as string).known, false);
  });
});

describe('isCompletedStatus', () => {
  const cases: [StatusCategory, string, boolean][] = [
    ['range', 'Completed', true],
    ['range', 'Committed', false],
    ['range', 'Uncommitted', false],
    ['range', 'Corrupted', false],
    ['range', 'Cancelled', false],
    ['blob', 'Completed', true],
    ['blob', 'CompletedWithErrors', false],
    ['blob', 'Failed', false],
    ['sidecar', 'Completed', true],
    ['sidecar', 'Failed', false],
    ['drive', 'Completed', true],
    ['drive', 'CompletedWithWarnings', true],
    ['drive', 'CompletedWithErrors', false],
    ['drive', 'BitLockerKeyInvalid', false],
    ['importDisposition', 'Created', true],
    ['importDisposition', 'Renamed', true],
    ['importDisposition', 'Skipped', true],
    ['importDisposition', 'Overwritten', true],
    ['importDisposition', 'Cancelled', false],
    ['dataBox', 'ContainerRenamed', true],
    ['dataBox', 'MovedToOverflowShare', true],
    ['dataBox', 'StorageRequestFailed', false],
    ['dataBox', 'InvalidWorkitem', false],
    ['range', ' completed ', true],
    ['range', 'Created', false],
    ['importDisposition', 'Completed', false],
    ['range', 'Unknown', false],
    ['range', '', false],
  ];
  for (const [category, code, expected] of cases) {
    test(`${category}.${JSON.stringify(code)} → ${expected}`, () => {
      assert.equal(isCompletedStatus(category, code), expected);
    });
  }

  test('no error-severity code counts as completed', () => {
    for (const e of STATUS_CATALOGUE) {
      if (e.severity === 'error') assert.equal(isCompletedStatus(e.category, e.code), false, `${e.category}.${e.code}`);
      if (e.severity === 'ok') assert.equal(isCompletedStatus(e.category, e.code), true, `${e.category}.${e.code}`);
    }
  });
});

describe('statusResources', () => {
  for (const lang of LANGUAGES) {
    test(`${lang}: nested { category: { code: texts } } with every entry`, () => {
      const res = statusResources(lang);
      assert.deepEqual(Object.keys(res).sort(), [...STATUS_CATEGORIES].sort());
      for (const e of STATUS_CATALOGUE) assert.deepEqual(res[e.category][e.code], e.texts[lang]);
      const count = Object.values(res).reduce((n, byCode) => n + Object.keys(byCode).length, 0);
      assert.equal(count, STATUS_CATALOGUE.length);
      assert.deepEqual(JSON.parse(JSON.stringify(res)), res);
    });
  }

  test('returns a fresh, mutable copy', () => {
    const a = statusResources('en');
    a.range['Corrupted']!.title = 'changed';
    assert.notEqual(statusResources('en').range['Corrupted']!.title, 'changed');
    assert.notEqual(lookupStatus('range', 'Corrupted')!.texts.en.title, 'changed');
  });
});
