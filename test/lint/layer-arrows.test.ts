import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The real lint configuration, applied to imports as they would appear in each layer.
const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

async function restrictedImports(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer arrows', () => {
  it.each([
    ['src/sim/api/x.ts', "import { a } from '../../ui/App.js';\nexport const b = a;\n"],
    ['src/sim/api/x.ts', "import { a } from '../../engine/console/console-session.js';\nexport const b = a;\n"],
    ['src/sim/x.ts', "import { render } from 'ink';\nexport const b = render;\n"],
    ['src/engine/x.ts', "import { KmsKey } from '../sim/keys/kms-key.js';\nexport const b = KmsKey;\n"],
    ['src/server/x.ts', "import { dispatch } from '../sim/api/dispatcher.js';\nexport const b = dispatch;\n"],
    ['src/ui/x.tsx', "import { SimCore } from '../sim/core.js';\nexport const b = SimCore;\n"],
    ['src/lib/x.ts', "import { createSandbox } from '../sim/index.js';\nexport const b = createSandbox;\n"],
  ])('refuses an import that breaks the arrows in %s', async (file, source) => {
    expect(await restrictedImports(file, source)).not.toEqual([]);
  });

  it.each([
    ['src/engine/x.ts', "import { createSandbox } from '../sim/index.js';\nexport const b = createSandbox;\n"],
    ['src/ui/x.tsx', "import { createSandbox } from '../sim/index.js';\nexport const b = createSandbox;\n"],
    ['src/sim/api/x.ts', "import { KmsError } from '../errors.js';\nexport const b = KmsError;\n"],
  ])('allows the facade and in-layer imports in %s', async (file, source) => {
    expect(await restrictedImports(file, source)).toEqual([]);
  });
});
