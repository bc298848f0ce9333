/* separate — the print edition's pictures in the printing inks.
 *
 * Takes a print DocList (doclist_for_print's); gives every ITEM_IMAGE its
 * samples for the press: colour pictures converted with Little CMS from
 * their embedded ICC profile (sRGB when they have none, or when it is not
 * an RGB profile) to the output profile, perceptual intent with black
 * point compensation, total ink held under PRINT_MAX_INK; grey pictures
 * stay grey (DeviceGray prints on the black plate); CMYK JPEGs are taken
 * as they are; alpha is flattened on white (PDF/X-1a has no
 * transparency).  The output profile is --icc, else SEPARATE_DEFAULT_ICC
 * (Ghostscript's default CMYK, a stand-in: Debian ships no FOGRA39 profile;
 * the registered condition stays what the output intent names).
 *
 * May not touch layout: only the items' samples change.
 */
#ifndef LIVRET_SEPARATE_H
#define LIVRET_SEPARATE_H

#include <stdbool.h>

#include "base/arena.h"
#include "base/diag.h"
#include "display/page.h"

#define SEPARATE_DEFAULT_ICC "/usr/share/color/icc/ghostscript/default_cmyk.icc"

/* Convert every image of doc (samples in a).  false with an error in d
 * (an image that no longer decodes, a profile Little CMS refuses). */
bool separate_images(Arena *a, DocList *doc, const char *icc_path, Diags *d);

#endif
