# Writes router advertisements onto a TAP device, as its owner may: a default router fe80::66 and an on-link,
# autonomous prefix 2001:db8:66::/64. Used to show whether the machine takes them from a lab interface.
import fcntl, os, socket, struct, sys

IFF_TAP, IFF_NO_PI, TUNSETIFF = 0x0002, 0x1000, 0x400454CA


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum((data[i] << 8) + data[i + 1] for i in range(0, len(data), 2))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def advertisement():
    src = socket.inet_pton(socket.AF_INET6, "fe80::66")
    dst = socket.inet_pton(socket.AF_INET6, "ff02::1")
    body = struct.pack("!BBHBBHII", 134, 0, 0, 64, 0, 1800, 0, 0)
    body += struct.pack("!BBBBIII", 3, 4, 64, 0xC0, 86400, 14400, 0) + socket.inet_pton(socket.AF_INET6, "2001:db8:66::")
    pseudo = src + dst + struct.pack("!I", len(body)) + b"\0\0\0" + bytes([58])
    body = body[:2] + struct.pack("!H", checksum(pseudo + body)) + body[4:]
    ip6 = struct.pack("!IHBB", 0x60000000, len(body), 58, 255) + src + dst
    return bytes.fromhex("333300000001") + bytes.fromhex("020000000066") + b"\x86\xdd" + ip6 + body


fd = os.open("/dev/net/tun", os.O_RDWR)
fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH", sys.argv[1].encode(), IFF_TAP | IFF_NO_PI))
for _ in range(3):
    os.write(fd, advertisement())
print("sent")
