"""Builds and stops Mininet's linear,K on Linux bridges without a controller; prints the two times."""
import sys
import time

from mininet.log import setLogLevel
from mininet.net import Mininet
from mininet.nodelib import LinuxBridge
from mininet.topo import LinearTopo

setLogLevel("error")
k = int(sys.argv[1])
start = time.perf_counter()
net = Mininet(topo=LinearTopo(k=k), switch=LinuxBridge, controller=None, build=True)
net.start()
built = time.perf_counter()
net.stop()
stopped = time.perf_counter()
print(f"build={built - start:.6f} stop={stopped - built:.6f}")
