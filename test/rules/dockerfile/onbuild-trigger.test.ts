import { ruleTester } from '../../harness/rule-tester';
import rule from '../../../server/src/engine/rules/dockerfile/onbuild-trigger';

ruleTester.run(rule, {
  valid: [
    ['FROM node:22', 'COPY . /app', 'RUN npm ci'],
    { name: 'the word ONBUILD in a RUN or LABEL is no trigger', code: ['FROM node:22', 'LABEL note="no ONBUILD here"', 'RUN echo ONBUILD'] },
  ],
  invalid: [
    {
      name: 'ONBUILD RUN: a hidden build step',
      code: ['FROM node:22', 'ONBUILD RUN npm install'],
      errors: [{ messageId: 'runs', line: 2, column: 1, endLine: 2, endColumn: 8 }],
    },
    {
      name: 'ONBUILD COPY and ADD copy the child context',
      code: ['FROM node:22', 'ONBUILD COPY . /usr/src/app', 'onbuild add app.tar.gz /'],
      errors: [
        { messageId: 'copies', data: { keyword: 'COPY' }, line: 2, column: 1, endLine: 2, endColumn: 8 },
        { messageId: 'copies', data: { keyword: 'ADD' }, line: 3, column: 1, endLine: 3, endColumn: 8 },
      ],
    },
    {
      name: 'other triggers get the general message',
      code: ['FROM node:22', 'ONBUILD USER 10001', 'ONBUILD ENV NODE_ENV=production'],
      errors: [
        { messageId: 'trigger', data: { keyword: 'USER' }, line: 2, column: 1, endLine: 2, endColumn: 8 },
        { messageId: 'trigger', data: { keyword: 'ENV' }, line: 3, column: 1, endLine: 3, endColumn: 8 },
      ],
    },
    {
      name: 'ONBUILD RUN over continuation lines',
      code: ['FROM python:3.12', 'ONBUILD RUN pip install \\', '    -r requirements.txt'],
      errors: [{ messageId: 'runs', line: 2, column: 1, endLine: 2, endColumn: 8 }],
    },
  ],
});
