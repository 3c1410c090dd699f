#!/bin/sh
# PID 1 of the impairment test VM (see docs/plan.md): the machine's root is mounted read-only over 9p, the
# directory shared as "work" is writable. Runs work/run.sh, leaves its output and status there, powers off.
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export PATH
mountpoint -q /proc || mount -t proc proc /proc
mountpoint -q /sys || mount -t sysfs sys /sys
mountpoint -q /dev || mount -t devtmpfs dev /dev
mount -t tmpfs -o mode=0755 run /run
mount -t tmpfs -o mode=1777 tmp /tmp
mkdir -p /run/netns /run/nslab /tmp/work
# Labs write /etc/netns/<ns>/hosts; the shared root is read-only, so the VM gets its own (the test sandbox that
# boots the VM makes sure the folder exists on the machine, like it does for every kernel test).
[ -d /etc/netns ] && mount -t tmpfs -o mode=0755 netns /etc/netns
mount -t 9p -o trans=virtio,version=9p2000.L,msize=262144 work /tmp/work
ip link set lo up
modprobe sch_netem
echo "nslab-vm: booted $(uname -r)"
sh /tmp/work/run.sh >/tmp/work/output.txt 2>&1
echo "$?" >/tmp/work/status
sync
echo "nslab-vm: done"
echo o >/proc/sysrq-trigger
sleep 10
