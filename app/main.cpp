#include <cstdio>

int main(int, char **)
{
    std::puts("gatewaylab " GATEWAYLAB_VERSION);
    return 0;
}
