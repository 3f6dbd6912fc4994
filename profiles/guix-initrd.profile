# What Guix's default initrd loads. `guix system` copies every module of this list that the
# kernel does not build in (modules.builtin) into the initrd, and stops with "kernel module not
# found" when the kernel builds it neither way: each default entry is required (y or m).
# The per-file-system modules apply only to the file systems an operating-system mounts: optional.
profile: guix-initrd
description: Guix's default-initrd-modules (gnu/system/linux-initrd.scm) for the target architecture, and the modules of the file systems it knows
source: https://github.com/Millak/guix/blob/082923279c186797827568e78d076db7d0eb814e/gnu/system/linux-initrd.scm (a GitHub mirror of Guix: default-initrd-modules, file-system-type-modules, base-initrd)

ahci             y/m  required                 -- Guix default initrd: for SATA controllers
usb-storage      y/m  required                 -- Guix default initrd: for the installation image etc.
uas              y/m  required                 -- Guix default initrd: for the installation image etc.
usbhid           y/m  required                 -- Guix default initrd: keyboards during early boot
hid-generic      y/m  required                 -- Guix default initrd: keyboards during early boot
hid-apple        y/m  required arch !riscv     -- Guix default initrd: keyboards during early boot (not on riscv64)
mmc_block        y/m  required                 -- Guix default initrd: for the MMC block device driver
dm-crypt         y/m  required                 -- Guix default initrd: for encrypted root partitions
xts              y/m  required                 -- Guix default initrd: for encrypted root partitions
serpent_generic  y/m  required                 -- Guix default initrd: for encrypted root partitions
wp512            y/m  required                 -- Guix default initrd: for encrypted root partitions
nls_iso8859-1    y/m  required                 -- Guix default initrd: for mkfs.fat et al.
pata_acpi        y/m  required arch x86        -- Guix default initrd on x86_64 and i686: for ATA controllers
pata_atiixp      y/m  required arch x86        -- Guix default initrd on x86_64 and i686: for ATA controllers
isci             y/m  required arch x86        -- Guix default initrd on x86_64 and i686: for SAS controllers like Intel C602
virtio_pci       y/m  required                 -- Guix default initrd: para-virtualized devices, for QEMU guests
virtio_balloon   y/m  required                 -- Guix default initrd: para-virtualized devices, for QEMU guests
virtio_blk       y/m  required                 -- Guix default initrd: para-virtualized devices, for QEMU guests
virtio_net       y/m  required                 -- Guix default initrd: para-virtualized devices, for QEMU guests
virtio_console   y/m  required                 -- Guix default initrd: para-virtualized devices, for QEMU guests
virtio-rng       y/m  required                 -- Guix default initrd: para-virtualized devices, for QEMU guests

md4              y/m  optional                 -- Guix initrd for a cifs file system
ecb              y/m  optional                 -- Guix initrd for a cifs file system
cifs             y/m  optional                 -- Guix initrd for a cifs file system
9p               y/m  optional                 -- Guix initrd for a 9p file system
9pnet_virtio     y/m  optional                 -- Guix initrd for a 9p file system
bcachefs         y/m  optional                 -- Guix initrd for a bcachefs file system
btrfs            y/m  optional                 -- Guix initrd for a btrfs file system
isofs            y/m  optional                 -- Guix initrd for an iso9660 file system
jfs              y/m  optional                 -- Guix initrd for a jfs file system
f2fs             y/m  optional                 -- Guix initrd for an f2fs file system
crc32_generic    y/m  optional                 -- Guix initrd for an f2fs file system
xfs              y/m  optional                 -- Guix initrd for an xfs file system
overlay          y/m  optional                 -- Guix initrd for a volatile root (volatile-root?)
