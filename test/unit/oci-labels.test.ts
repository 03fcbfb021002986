// Issue 24: the OCI labels a build sets, from pyproject.toml, a licence file and git.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { licenseOfText, ociLabels, sourceUrl } from '../../src/core/provenance/ociLabels';

const HEAD = '0123456789abcdef0123456789abcdef01234567';

test('labels: title, version, licence and description from [project]; source and revision from git', () => {
  assert.deepEqual(
    ociLabels({
      dirName: 'folder',
      pyproject: { project: { name: 'demo', version: '1.2.0', license: 'MIT', description: 'A demo\nmore' } },
      gitRemote: 'https://user:s3cret@github.com/team/demo.git',
      gitHead: HEAD,
    }),
    {
      'org.opencontainers.image.title': 'demo',
      'org.opencontainers.image.version': '1.2.0',
      'org.opencontainers.image.description': 'A demo',
      'org.opencontainers.image.licenses': 'MIT',
      'org.opencontainers.image.source': 'https://github.com/team/demo',
      'org.opencontainers.image.revision': HEAD,
    },
  );
});

test('labels: Poetry tables, a licence file, no git; never .created (it would change the build digest)', () => {
  const l = ociLabels({
    dirName: 'folder',
    pyproject: { tool: { poetry: { name: 'p', version: '0.3.1' } } },
    licenseText:
      '                                 Apache License\n                           Version 2.0, January 2004',
  });
  assert.deepEqual(l, {
    'org.opencontainers.image.title': 'p',
    'org.opencontainers.image.version': '0.3.1',
    'org.opencontainers.image.licenses': 'Apache-2.0',
  });
  assert.deepEqual(ociLabels({ dirName: 'folder' }), { 'org.opencontainers.image.title': 'folder' });
  assert.equal(ociLabels({ dirName: 'f', gitHead: 'not a sha' })['org.opencontainers.image.revision'], undefined);
});

test('licence texts: the common ones by their words; a long license = {text} is read the same way', () => {
  assert.equal(licenseOfText('MIT License\n\nPermission is hereby granted, free of charge, to any person'), 'MIT');
  assert.equal(licenseOfText('Redistribution and use in source and binary forms ... Neither the name'), 'BSD-3-Clause');
  assert.equal(licenseOfText('Redistribution and use in source and binary forms, with or without'), 'BSD-2-Clause');
  assert.equal(licenseOfText('GNU GENERAL PUBLIC LICENSE\n   Version 3, 29 June 2007'), 'GPL-3.0');
  assert.equal(licenseOfText('All rights reserved.'), undefined);
  const long = 'Permission is hereby granted, free of charge, to any person obtaining a copy. '.repeat(3);
  assert.equal(
    ociLabels({ dirName: 'f', pyproject: { project: { license: { text: long } } } })[
      'org.opencontainers.image.licenses'
    ],
    'MIT',
  );
});

test('source URLs: credentials dropped, scp and ssh forms as https, local paths are no source', () => {
  assert.equal(sourceUrl('git@github.com:team/demo.git'), 'https://github.com/team/demo');
  assert.equal(sourceUrl('ssh://git@gitlab.example.org:2222/g/p.git'), 'https://gitlab.example.org/g/p');
  assert.equal(sourceUrl('https://oauth2:glpat-xyz@gitlab.com/g/p'), 'https://gitlab.com/g/p');
  assert.equal(sourceUrl('/srv/git/demo.git'), undefined);
  assert.equal(sourceUrl('file:///srv/git/demo.git'), undefined);
});
