import { tinyModel } from './tiny-model.js';

/** A small tree shaped like the kernel's network and file system menus (prompts and help copied from 6.12). */
export const networkModel = tinyModel([
  {
    menu: 'Device Drivers',
    children: [
      {
        config: 'NETDEVICES',
        type: 'bool',
        prompt: 'Network device support',
        menuconfig: true,
        children: [
          {
            config: 'ETHERNET',
            type: 'bool',
            prompt: 'Ethernet driver support',
            menuconfig: true,
            children: [
              {
                config: 'NET_VENDOR_INTEL',
                type: 'bool',
                prompt: 'Intel devices',
                menuconfig: true,
                children: [
                  {
                    if: 'NET_VENDOR_INTEL',
                    children: [
                      {
                        config: 'E1000',
                        prompt: 'Intel(R) PRO/1000 Gigabit Ethernet support',
                        help: 'This driver supports Intel(R) PRO/1000 gigabit ethernet family of adapters.',
                      },
                      {
                        config: 'E1000E',
                        prompt: 'Intel(R) PRO/1000 PCI-Express Gigabit Ethernet support',
                        help: 'This driver supports the PCI-Express Intel(R) PRO/1000 gigabit ethernet family of adapters.\nThe module will be called e1000e.',
                        children: [{ config: 'E1000E_HWTS', type: 'bool', prompt: 'Support HW cross-timestamp on PCH devices' }],
                      },
                      {
                        config: 'IGB',
                        prompt: 'Intel(R) 82575/82576 PCI-Express Gigabit Ethernet support',
                        help: 'This driver supports Intel(R) 82575/82576 gigabit ethernet family of adapters.',
                      },
                    ],
                  },
                ],
              },
              {
                config: 'NET_VENDOR_REALTEK',
                type: 'bool',
                prompt: 'Realtek devices',
                menuconfig: true,
                children: [
                  {
                    config: 'R8169',
                    prompt: 'Realtek 8169/8168/8101/8125 ethernet support',
                    help: 'Say Y here if you have a Realtek Ethernet adapter belonging to\nthe following families:\nRTL8169 Gigabit Ethernet\nRTL8168 Gigabit Ethernet',
                  },
                  { config: 'R8169_LEDS', type: 'bool', help: 'Optional support for controlling the NIC LEDs.' },
                ],
              },
            ],
          },
          { config: 'WIREGUARD', prompt: 'WireGuard secure network tunnel' },
        ],
      },
    ],
  },
  {
    menu: 'File systems',
    children: [
      {
        config: 'EXT4_FS',
        prompt: 'The Extended 4 (ext4) filesystem',
        help: 'The best performance gains require enabling ext4 features in the filesystem using tune2fs.',
      },
      { config: 'EXT4_DEBUG', type: 'bool', prompt: 'Ext4 debugging support' },
    ],
  },
  { config: 'HAVE_EFFICIENT_UNALIGNED_ACCESS', type: 'bool' },
  { config: 'CRC32', prompt: 'CRC32/CRC32c functions', help: 'This option is provided for the case where no in-kernel-tree modules require CRC32 functions.' },
]);
