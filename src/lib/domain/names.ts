/**
 * What makes two actor names the same name. Apart from the rest of the rules
 * (rules.ts) because the merge, which the first page loads, needs only this.
 */

/**
 * Characters that draw nothing: white space, zero-width characters, bidi
 * controls and other default-ignorable code points, control characters. A
 * name made only of these looks empty, or like another name.
 */
export const VISIBLE = /[^\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Bidi_Control}\p{Cc}]/u;
const INVISIBLE = /[\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Bidi_Control}\p{Cc}]/gu;

/** Longer than any name the rules accept: what is beyond it cannot make two accepted names differ. */
const KEY_MAX = 1_080;

/**
 * What makes two names the same name: case, outer spaces and invisible
 * characters aside (`Iran`, ` iran `, `Ir\u200Ban`). Names are unique by it.
 */
export function nameKey(name: string): string {
  return name.slice(0, KEY_MAX).replace(INVISIBLE, '').toLowerCase();
}

/**
 * The analyst whose scores were made before analysts existed: the schema
 * upgrade and the import of an older backup both give them to this name.
 */
export const UNATTRIBUTED = 'Unattributed';

/**
 * The analyst id a change is recorded under when this browser's analyst had
 * no name yet (an import into a fresh browser): no analyst record has it.
 */
export const NO_ANALYST_YET = '';
