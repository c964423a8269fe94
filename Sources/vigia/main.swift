import VigiaServer
import ArgumentParser
print("x")
