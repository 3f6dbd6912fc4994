# The kernel options systemd's README lists. Its "Kernel Config Options" (and the options it says
# must be off) are required; "Optional but strongly recommended" and what service-unit settings
# most systems use are recommended; options for one feature (UEFI, signed Verity images,
# systemd-oomd, RestrictFileSystems=, nspawn on old kernels) are optional.
profile: systemd
description: systemd's README: required and recommended kernel options
source: https://github.com/systemd/systemd/blob/32275253272f176b93e3412c1c366383b7f973ac/README (REQUIREMENTS)

CONFIG_DEVTMPFS                    y/m  required                 -- systemd README: kernel config option
CONFIG_CGROUPS                     y/m  required                 -- systemd README: kernel config option (it is OK to disable all controllers)
CONFIG_INOTIFY_USER                y/m  required                 -- systemd README: kernel config option
CONFIG_SIGNALFD                    y/m  required                 -- systemd README: kernel config option
CONFIG_TIMERFD                     y/m  required                 -- systemd README: kernel config option
CONFIG_EPOLL                       y/m  required                 -- systemd README: kernel config option
CONFIG_UNIX                        y/m  required                 -- systemd README: kernel config option (needs NET; nothing else in it)
CONFIG_SYSFS                       y/m  required                 -- systemd README: kernel config option
CONFIG_PROC_FS                     y/m  required                 -- systemd README: kernel config option
CONFIG_FHANDLE                     y/m  required                 -- systemd README: libudev, mount and bind mount handling
CONFIG_SYSFS_DEPRECATED            n    required                 -- systemd README: udev fails with the legacy sysfs layout
CONFIG_FW_LOADER_USER_HELPER       n    required                 -- systemd README: userspace firmware loading is not supported
CONFIG_NET_NS                      y/m  required                 -- systemd README: PrivateNetwork=, which systemd-localed and other units use
CONFIG_UEVENT_HELPER               n    recommended              -- systemd README: legacy hotplug slows the system down and confuses udev (UEVENT_HELPER_PATH="")
CONFIG_DMIID                       y/m  recommended              -- systemd README: udev rules and virtualization detection rely on it
CONFIG_BLK_DEV_BSG                 y/m  recommended              -- systemd README: serial numbers of some SCSI devices for /dev/disk and /dev/tape links
CONFIG_USER_NS                     y/m  recommended              -- systemd README: PrivateUsers= in service units
CONFIG_IPV6                        y/m  recommended              -- systemd README: optional but strongly recommended
CONFIG_AUTOFS_FS                   y/m  recommended since 4.18   -- systemd README: optional but strongly recommended (automount units)
CONFIG_AUTOFS4_FS                  y/m  recommended before 4.18  -- systemd README: optional but strongly recommended (AUTOFS_FS before 4.18)
CONFIG_TMPFS_XATTR                 y/m  recommended              -- systemd README: optional but strongly recommended
CONFIG_TMPFS_POSIX_ACL             y/m  recommended              -- systemd README: optional but strongly recommended (POSIX ACLs)
CONFIG_SECCOMP                     y/m  recommended              -- systemd README: optional but strongly recommended
CONFIG_SECCOMP_FILTER              y/m  recommended              -- systemd README: required for seccomp support
CONFIG_KCMP                        y/m  recommended since 5.12 before 6.10 -- systemd README: the kcmp() system call, not needed after 6.10
CONFIG_CHECKPOINT_RESTORE          y/m  recommended before 5.12  -- systemd README: kcmp() was under CHECKPOINT_RESTORE before 5.12
CONFIG_NET_SCHED                   y/m  recommended              -- systemd README: optional but strongly recommended
CONFIG_NET_SCH_FQ_CODEL            y/m  recommended              -- systemd README: optional but strongly recommended
CONFIG_CGROUP_SCHED                y/m  recommended              -- systemd README: CPUShares= in resource control settings
CONFIG_FAIR_GROUP_SCHED            y/m  recommended              -- systemd README: CPUShares= in resource control settings
CONFIG_CFS_BANDWIDTH               y/m  recommended              -- systemd README: CPUQuota= in resource control settings
CONFIG_BPF                         y/m  recommended              -- systemd README: IPAddressDeny=, SocketBindAllow=, RestrictNetworkInterfaces=
CONFIG_BPF_SYSCALL                 y/m  recommended              -- systemd README: IPAddressDeny=, SocketBindAllow=, RestrictNetworkInterfaces=
CONFIG_BPF_JIT                     y/m  recommended              -- systemd README: IPAddressDeny=, SocketBindAllow=, RestrictNetworkInterfaces=
CONFIG_HAVE_EBPF_JIT               y/m  recommended              -- systemd README: IPAddressDeny=, SocketBindAllow= (provided by the architecture)
CONFIG_CGROUP_BPF                  y/m  recommended              -- systemd README: IPAddressDeny=, SocketBindAllow=, RestrictNetworkInterfaces=
CONFIG_RT_GROUP_SCHED              n    recommended              -- systemd README: RT group scheduling makes RT scheduling unavailable to most units

CONFIG_EFIVAR_FS                   y/m  optional                 -- systemd README: for UEFI systems
CONFIG_EFI_PARTITION               y/m  optional                 -- systemd README: for UEFI systems
CONFIG_TMPFS                       y/m  optional                 -- systemd README: TMPFS_XATTR and TMPFS_POSIX_ACL are options of tmpfs
CONFIG_EXT4_FS_POSIX_ACL           y/m  optional                 -- systemd README: POSIX ACLs of the file systems in use (ext4)
CONFIG_XFS_POSIX_ACL               y/m  optional                 -- systemd README: POSIX ACLs of the file systems in use (XFS)
CONFIG_BTRFS_FS_POSIX_ACL          y/m  optional                 -- systemd README: POSIX ACLs of the file systems in use (btrfs)
CONFIG_DM_VERITY_VERIFY_ROOTHASH_SIG y/m optional                -- systemd README: signed Verity images
CONFIG_DM_VERITY_VERIFY_ROOTHASH_SIG_SECONDARY_KEYRING y/m optional -- systemd README: signed Verity images with keys in MOK and db
CONFIG_DM_VERITY_VERIFY_ROOTHASH_SIG_PLATFORM_KEYRING y/m optional -- systemd README: signed Verity images with keys in MOK and db
CONFIG_IMA_ARCH_POLICY             y/m  optional                 -- systemd README: signed Verity images with keys in MOK and db
CONFIG_INTEGRITY_MACHINE_KEYRING   y/m  optional                 -- systemd README: signed Verity images with keys in MOK and db
CONFIG_DMI                         y/m  optional                 -- systemd README: reading credentials from SMBIOS
CONFIG_DMI_SYSFS                   y    optional                 -- systemd README: reading credentials from SMBIOS (built in, not a module)
CONFIG_BPF_LSM                     y/m  optional                 -- systemd README: RestrictFileSystems= (with lsm=...,bpf)
CONFIG_DEBUG_INFO_BTF              y/m  optional                 -- systemd README: RestrictFileSystems=
CONFIG_DEVPTS_MULTIPLE_INSTANCES   y/m  optional before 4.7      -- systemd README: systemd-nspawn (removed and unneeded since 4.7)
CONFIG_PSI                         y/m  optional                 -- systemd README: systemd-oomd
CONFIG_MEMCG                       y/m  optional                 -- systemd README: systemd-oomd
