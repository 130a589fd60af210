/*
 * elf_weaken_verneed FILE VERSION
 *
 * Marks one version requirement (e.g. GLIBCXX_3.4.32) of an ELF64 little-endian shared object as
 * weak (VER_FLG_WEAK) in its .gnu.version_r section, so that the dynamic loader accepts a
 * libstdc++ that lacks that version. Used by setup.sh on a copy of TorchSharp's
 * libLibTorchSharp.so only; see README "TorchSharp on Debian 12". Exit 0 when patched or already
 * weak, 3 when the file does not need VERSION, other codes on malformed input.
 */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fail(const char *what, const char *file) {
    fprintf(stderr, "elf_weaken_verneed: %s: %s\n", file, what);
    return 2;
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: elf_weaken_verneed FILE VERSION\n"); return 2; }
    const char *file = argv[1], *want = argv[2];
    FILE *f = fopen(file, "r+b");
    if (!f) return fail("cannot open for writing", file);
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *buf = malloc((size_t)size);
    if (!buf || fread(buf, 1, (size_t)size, f) != (size_t)size) return fail("cannot read", file);
    Elf64_Ehdr *eh = (Elf64_Ehdr *)buf;
    if (size < (long)sizeof *eh || memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 ||
        eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_ident[EI_DATA] != ELFDATA2LSB)
        return fail("not an ELF64 little-endian file", file);
    if (eh->e_shoff + (Elf64_Off)eh->e_shnum * sizeof(Elf64_Shdr) > (Elf64_Off)size)
        return fail("section headers out of range", file);
    Elf64_Shdr *sh = (Elf64_Shdr *)(buf + eh->e_shoff);
    for (int i = 0; i < eh->e_shnum; i++) {
        if (sh[i].sh_type != SHT_GNU_verneed) continue;
        Elf64_Shdr *strsec = &sh[sh[i].sh_link];
        const char *strtab = (const char *)(buf + strsec->sh_offset);
        Elf64_Off off = sh[i].sh_offset;
        for (;;) {
            if (off + sizeof(Elf64_Verneed) > (Elf64_Off)size) return fail("verneed out of range", file);
            Elf64_Verneed *vn = (Elf64_Verneed *)(buf + off);
            Elf64_Off aoff = off + vn->vn_aux;
            for (int j = 0; j < vn->vn_cnt; j++) {
                if (aoff + sizeof(Elf64_Vernaux) > (Elf64_Off)size) return fail("vernaux out of range", file);
                Elf64_Vernaux *va = (Elf64_Vernaux *)(buf + aoff);
                if (strcmp(strtab + va->vna_name, want) == 0) {
                    if (!(va->vna_flags & VER_FLG_WEAK)) {
                        va->vna_flags |= VER_FLG_WEAK;
                        fseek(f, (long)aoff, SEEK_SET);
                        if (fwrite(va, sizeof *va, 1, f) != 1) return fail("write failed", file);
                    }
                    fclose(f);
                    printf("%s: %s marked weak\n", file, want);
                    return 0;
                }
                if (!va->vna_next) break;
                aoff += va->vna_next;
            }
            if (!vn->vn_next) break;
            off += vn->vn_next;
        }
    }
    fprintf(stderr, "elf_weaken_verneed: %s does not need %s\n", file, want);
    return 3;
}
