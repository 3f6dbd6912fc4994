# What Docker's and k3s's config checkers look for, with the kernel versions their scripts apply
# them to. "Generally Necessary" in either script is required here (the scripts exit non-zero
# without it); their "Optional Features" are recommended, or optional where only one of several
# alternatives is needed (an LSM, a storage or network driver, encrypted overlay networks).
profile: containers
description: Docker (moby contrib/check-config.sh) and k3s (contrib/util/check-config.sh) kernel requirements
source: https://github.com/moby/moby/blob/a4c5b2be6f69f86fe7b13eb4822676f8d273cf8b/contrib/check-config.sh (last change 2026-06-16)
source: https://github.com/k3s-io/k3s/blob/06441e848938f0da4020814829148de28cf77112/contrib/util/check-config.sh

CONFIG_NAMESPACES                  y/m  required                       -- Docker, k3s: generally necessary
CONFIG_NET_NS                      y/m  required                       -- Docker, k3s: generally necessary (network namespaces)
CONFIG_PID_NS                      y/m  required                       -- Docker, k3s: generally necessary (PID namespaces)
CONFIG_IPC_NS                      y/m  required                       -- Docker, k3s: generally necessary (IPC namespaces)
CONFIG_UTS_NS                      y/m  required                       -- Docker, k3s: generally necessary (UTS namespaces)
CONFIG_CGROUPS                     y/m  required                       -- Docker, k3s: generally necessary
CONFIG_CGROUP_CPUACCT              y/m  required                       -- Docker, k3s: generally necessary (cpuacct controller)
CONFIG_CGROUP_DEVICE               y/m  required                       -- Docker, k3s: generally necessary (devices controller)
CONFIG_CGROUP_FREEZER              y/m  required                       -- Docker, k3s: generally necessary (freezer controller)
CONFIG_CGROUP_SCHED                y/m  required                       -- Docker, k3s: generally necessary (cpu controller)
CONFIG_CPUSETS                     y/m  required                       -- Docker, k3s: generally necessary (cpuset controller)
CONFIG_MEMCG                       y/m  required                       -- Docker, k3s: generally necessary (memory controller)
CONFIG_CGROUP_PIDS                 y/m  required                       -- k3s: generally necessary; Docker: optional (pids controller)
CONFIG_KEYS                        y/m  required                       -- Docker, k3s: generally necessary
CONFIG_SECCOMP                     y/m  required                       -- k3s: generally necessary; Docker: optional
CONFIG_VETH                        y/m  required                       -- Docker, k3s: generally necessary (container network pairs)
CONFIG_BRIDGE                      y/m  required                       -- Docker, k3s: generally necessary
CONFIG_BRIDGE_NETFILTER            y/m  required                       -- Docker, k3s: generally necessary
CONFIG_IP_NF_FILTER                y/m  required                       -- Docker, k3s: generally necessary
CONFIG_IP_NF_MANGLE                y/m  required                       -- Docker: generally necessary
CONFIG_IP_NF_TARGET_MASQUERADE     y/m  required                       -- Docker, k3s: generally necessary
CONFIG_IP_NF_TARGET_REJECT         y/m  required                       -- k3s: generally necessary
CONFIG_IP6_NF_FILTER               y/m  required                       -- Docker: generally necessary
CONFIG_IP6_NF_MANGLE               y/m  required                       -- Docker: generally necessary
CONFIG_IP6_NF_TARGET_MASQUERADE    y/m  required                       -- Docker: generally necessary
CONFIG_NETFILTER_XT_MATCH_ADDRTYPE y/m  required                       -- Docker, k3s: generally necessary
CONFIG_NETFILTER_XT_MATCH_CONNTRACK y/m required                       -- Docker, k3s: generally necessary
CONFIG_NETFILTER_XT_MATCH_IPVS     y/m  required                       -- Docker, k3s: generally necessary
CONFIG_NETFILTER_XT_MATCH_COMMENT  y/m  required                       -- k3s: generally necessary
CONFIG_NETFILTER_XT_MATCH_MULTIPORT y/m required                       -- k3s: generally necessary
CONFIG_NETFILTER_XT_MATCH_STATISTIC y/m required                       -- k3s: generally necessary
CONFIG_NETFILTER_XT_MARK           y/m  required                       -- Docker: generally necessary
CONFIG_IP_NF_RAW                   y/m  required                       -- Docker: generally necessary
CONFIG_IP_NF_NAT                   y/m  required                       -- Docker, k3s: generally necessary
CONFIG_NF_NAT                      y/m  required                       -- Docker, k3s: generally necessary
CONFIG_IP6_NF_RAW                  y/m  required                       -- Docker: generally necessary
CONFIG_IP6_NF_NAT                  y/m  required                       -- Docker: generally necessary
CONFIG_POSIX_MQUEUE                y/m  required                       -- Docker, k3s: generally necessary (bind-mounting /dev/mqueue into containers)
CONFIG_DEVPTS_MULTIPLE_INSTANCES   y/m  required before 4.8            -- Docker, k3s: generally necessary before 4.8
CONFIG_NF_NAT_IPV4                 y/m  required before 5.2            -- Docker: generally necessary up to 5.1
CONFIG_NF_NAT_NEEDED               y/m  required before 5.3            -- Docker: generally necessary up to 5.2
CONFIG_CGROUP_BPF                  y/m  required since 4.15            -- Docker: generally necessary from 4.15 (BPF device cgroup)

CONFIG_USER_NS                     y/m  recommended                    -- Docker, k3s: optional feature (user namespaces, rootless)
CONFIG_SECCOMP_FILTER              y/m  recommended                    -- Docker: optional feature (seccomp profiles)
CONFIG_MEMCG_SWAP                  y/m  recommended before 5.8         -- Docker: optional feature up to 5.7 (swap accounting)
CONFIG_MEMCG_SWAP_ENABLED          y/m  recommended before 5.8         -- Docker: optional feature up to 5.7 (swap accounting on by default)
CONFIG_LEGACY_VSYSCALL_NATIVE      n    recommended                    -- Docker: dangerous, an ASLR-bypassing target with usable ROP gadgets
CONFIG_MEMCG_KMEM                  y/m  recommended before 4.6         -- Docker, k3s: optional feature up to 4.5
CONFIG_RESOURCE_COUNTERS           y/m  recommended before 3.19        -- Docker, k3s: optional feature up to 3.18
CONFIG_NETPRIO_CGROUP              y/m  recommended before 3.14        -- Docker, k3s: optional feature up to 3.13 (network priority cgroup)
CONFIG_CGROUP_NET_PRIO             y/m  recommended since 3.14         -- Docker, k3s: optional feature (network priority cgroup)
CONFIG_IOSCHED_CFQ                 y/m  recommended before 5.0         -- Docker: optional feature before 5.0
CONFIG_CFQ_GROUP_IOSCHED           y/m  recommended before 5.0         -- Docker: optional feature before 5.0
CONFIG_BLK_CGROUP                  y/m  recommended                    -- Docker, k3s: optional feature (block I/O controller)
CONFIG_BLK_DEV_THROTTLING          y/m  recommended                    -- Docker, k3s: optional feature (block I/O limits)
CONFIG_CGROUP_PERF                 y/m  recommended                    -- Docker, k3s: optional feature
CONFIG_CGROUP_HUGETLB              y/m  recommended                    -- Docker, k3s: optional feature
CONFIG_NET_CLS_CGROUP              y/m  recommended                    -- Docker, k3s: optional feature
CONFIG_CFS_BANDWIDTH               y/m  recommended                    -- Docker, k3s: optional feature (CPU quotas)
CONFIG_FAIR_GROUP_SCHED            y/m  recommended                    -- Docker, k3s: optional feature (CPU shares)
CONFIG_IP_NF_TARGET_REDIRECT       y/m  recommended                    -- Docker, k3s: optional feature
CONFIG_IP_SCTP                     y/m  recommended                    -- Docker: optional feature (SCTP port mappings)
CONFIG_IP_VS                       y/m  recommended                    -- Docker, k3s: optional feature (IPVS load balancing)
CONFIG_IP_VS_NFCT                  y/m  recommended                    -- Docker, k3s: optional feature
CONFIG_IP_VS_PROTO_TCP             y/m  recommended                    -- Docker, k3s: optional feature
CONFIG_IP_VS_PROTO_UDP             y/m  recommended                    -- Docker, k3s: optional feature
CONFIG_IP_VS_RR                    y/m  recommended                    -- Docker, k3s: optional feature
CONFIG_IP_SET                      y/m  recommended                    -- k3s: optional feature (network policies)
CONFIG_NF_TABLES                   y/m  recommended                    -- Docker: optional feature (nftables)
CONFIG_NFT_CT                      y/m  recommended                    -- Docker: optional feature (nftables)
CONFIG_NFT_FIB                     y/m  recommended                    -- Docker: optional feature (nftables)
CONFIG_NFT_FIB_IPV4                y/m  recommended                    -- Docker: optional feature (nftables)
CONFIG_NFT_FIB_IPV6                y/m  recommended                    -- Docker: optional feature (nftables)
CONFIG_NFT_MASQ                    y/m  recommended                    -- Docker: optional feature (nftables)
CONFIG_NFT_NAT                     y/m  recommended                    -- Docker: optional feature (nftables)
CONFIG_EXT4_FS                     y/m  recommended                    -- Docker, k3s: optional feature, for ext4 as the backing file system
CONFIG_EXT4_FS_POSIX_ACL           y/m  recommended                    -- Docker, k3s: optional feature, for ext4 as the backing file system
CONFIG_EXT4_FS_SECURITY            y/m  recommended                    -- Docker, k3s: optional feature, for ext4 as the backing file system
CONFIG_VXLAN                       y/m  recommended                    -- Docker, k3s: the overlay network driver
CONFIG_BRIDGE_VLAN_FILTERING       y/m  recommended                    -- Docker: the overlay network driver
CONFIG_OVERLAY_FS                  y/m  recommended                    -- Docker, k3s: the overlay storage driver (Docker needs one of btrfs, overlay, zfs)

CONFIG_SECURITY_SELINUX            y/m  optional                       -- Docker: optional feature (SELinux confinement; one LSM is enough)
CONFIG_SECURITY_APPARMOR           y/m  optional                       -- Docker: optional feature (AppArmor confinement; one LSM is enough)
CONFIG_RT_GROUP_SCHED              y/m  optional                       -- k3s: optional feature (systemd's README recommends it off)
CONFIG_EXT3_FS                     y/m  optional                       -- Docker: for ext3 as the backing file system, when EXT4_USE_FOR_EXT2 is off
CONFIG_EXT3_FS_XATTR               y/m  optional                       -- Docker: for ext3 as the backing file system, when EXT4_USE_FOR_EXT2 is off
CONFIG_EXT3_FS_POSIX_ACL           y/m  optional                       -- Docker: for ext3 as the backing file system, when EXT4_USE_FOR_EXT2 is off
CONFIG_EXT3_FS_SECURITY            y/m  optional                       -- Docker: for ext3 as the backing file system, when EXT4_USE_FOR_EXT2 is off
CONFIG_CRYPTO                      y/m  optional                       -- Docker, k3s: encrypted overlay networks
CONFIG_CRYPTO_AEAD                 y/m  optional                       -- Docker, k3s: encrypted overlay networks
CONFIG_CRYPTO_GCM                  y/m  optional                       -- Docker, k3s: encrypted overlay networks
CONFIG_CRYPTO_SEQIV                y/m  optional                       -- Docker, k3s: encrypted overlay networks
CONFIG_CRYPTO_GHASH                y/m  optional                       -- Docker, k3s: encrypted overlay networks
CONFIG_XFRM                        y/m  optional                       -- Docker, k3s: encrypted overlay networks
CONFIG_XFRM_USER                   y/m  optional                       -- Docker, k3s: encrypted overlay networks
CONFIG_XFRM_ALGO                   y/m  optional                       -- Docker, k3s: encrypted overlay networks
CONFIG_INET_ESP                    y/m  optional                       -- Docker, k3s: encrypted overlay networks
CONFIG_NETFILTER_XT_MATCH_BPF      y/m  optional                       -- Docker: encrypted overlay networks
CONFIG_INET_XFRM_MODE_TRANSPORT    y/m  optional before 5.4            -- Docker: encrypted overlay networks up to 5.3 (k3s lists it for every version)
CONFIG_IPVLAN                      y/m  optional                       -- Docker: the ipvlan network driver
CONFIG_MACVLAN                     y/m  optional                       -- Docker: the macvlan network driver
CONFIG_DUMMY                       y/m  optional                       -- Docker: the macvlan network driver
CONFIG_NF_NAT_FTP                  y/m  optional                       -- Docker: ftp and tftp clients in containers
CONFIG_NF_CONNTRACK_FTP            y/m  optional                       -- Docker: ftp and tftp clients in containers
CONFIG_NF_NAT_TFTP                 y/m  optional                       -- Docker: ftp and tftp clients in containers
CONFIG_NF_CONNTRACK_TFTP           y/m  optional                       -- Docker: ftp and tftp clients in containers
CONFIG_BTRFS_FS                    y/m  optional                       -- Docker: the btrfs storage driver
CONFIG_BTRFS_FS_POSIX_ACL          y/m  optional                       -- Docker: the btrfs storage driver
