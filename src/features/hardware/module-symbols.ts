import type { HardwareNeeds, ModuleNeed } from './hardware-needs.js';
import { type KbuildModuleMap, type KbuildObject, objectsForModule } from './kbuild-module-map.js';
import { type ReasonChain, step } from './reason-chain.js';

/** What the target tree does with a needed module. */
export type ModuleMapping =
  | { kind: 'mapped'; need: ModuleNeed; objects: KbuildObject[] }
  | { kind: 'out-of-tree'; need: ModuleNeed; why: string }
  | { kind: 'not-in-tree'; need: ModuleNeed; why: string };

/** Looks every needed module up in the target tree's Makefiles, scoped by its directory and the architecture. */
export function mapNeededModules(needs: HardwareNeeds, map: KbuildModuleMap, srcArch: string): ModuleMapping[] {
  return needs.modules.map((need): ModuleMapping => {
    if (need.outOfTree) return { kind: 'out-of-tree', need, why: need.outOfTree };
    const objects = objectsForModule(map, need.module, { srcArch, treeDir: need.treeDir, dirHint: need.dirHint });
    const usable = objects.filter((object) => object.symbols.length > 0);
    if (usable.length > 0) return { kind: 'mapped', need, objects: usable };
    const elsewhere = map.byModule.get(need.module)?.length ?? 0;
    const why =
      objects.length > 0
        ? 'built into every kernel of this tree (an obj-y line under no symbol): nothing to enable'
        : elsewhere > 0
          ? `only built for other architectures than ${srcArch}`
          : need.loaded
            ? 'no Makefile of this tree builds it: provided outside the kernel tree, or renamed'
            : 'no Makefile of this tree builds a module of that name';
    return { kind: 'not-in-tree', need, why };
  });
}

/** The Makefile link of a reason chain: `drivers/.../Makefile:11: obj-$(CONFIG_E1000E) += e1000e.o`. */
export function makefileStep(object: KbuildObject): ReasonChain[number] {
  const own = `${object.makefile}:${object.line}: ${object.text}`;
  if (!object.inheritedFrom) return step('makefile', own);
  const parent = object.inheritedFrom;
  return step('makefile', `${own}, directory entered by ${parent.makefile}:${parent.line}: ${parent.text}`);
}
